import { useEffect, useRef } from 'react';
import { Alert } from '../Alert/Alert';

export interface NoticeText {
  kind: 'success' | 'error' | 'warning';
  text: string;
}

/** The news of an action on the page; it takes focus when it comes, so it is read out. */
export function Notice({ notice, className = 'notice' }: { notice: NoticeText | undefined; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);
  if (!notice) return null;
  return (
    <div ref={ref} tabIndex={-1} className={className}>
      <Alert kind={notice.kind}>{notice.text}</Alert>
    </div>
  );
}
