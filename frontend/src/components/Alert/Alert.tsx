import type { ReactNode } from 'react';
import './Alert.css';

/** A message box; errors are announced at once, notes are read in turn. */
export function Alert({ kind, title, children }: { kind: 'error' | 'info' | 'warning'; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'note'}>
      {title && <p className="alert__title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
