import { useId, type ReactNode } from 'react';
import './Alert.css';

const ROLES = { error: 'alert', success: 'status', info: 'note', warning: 'note' } as const;

/**
 * A message box; errors are announced at once, a success politely, notes are read in turn. A
 * title names the box, so it can be found by it.
 */
export function Alert({ kind, title, children }: { kind: 'error' | 'info' | 'warning' | 'success'; title?: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <div className={`alert alert--${kind}`} role={ROLES[kind]} aria-labelledby={title ? titleId : undefined}>
      {title && (
        <p className="alert__title" id={titleId}>
          {title}
        </p>
      )}
      <div>{children}</div>
    </div>
  );
}
