import type { ReactNode } from 'react';
import './Alert.css';

const ROLES = { error: 'alert', success: 'status', info: 'note', warning: 'note' } as const;

/** A message box; errors are announced at once, a success politely, notes are read in turn. */
export function Alert({ kind, title, children }: { kind: 'error' | 'info' | 'warning' | 'success'; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role={ROLES[kind]}>
      {title && <p className="alert__title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}
