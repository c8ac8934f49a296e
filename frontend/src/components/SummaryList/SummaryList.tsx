import type { ReactNode } from 'react';
import './SummaryList.css';

export interface SummaryRow {
  label: string;
  value: ReactNode;
}

/** A row, or a falsy value for a row left out (`cond && { label, value }`). */
export type MaybeRow = SummaryRow | false | null | undefined | '';

/** Questions and answers, or names and values, as a description list. */
export function SummaryList({ rows }: { rows: readonly MaybeRow[] }) {
  return (
    <dl className="summary-list">
      {rows
        .filter((row): row is SummaryRow => !!row)
        .map((row) => (
          <div key={row.label} className="summary-list__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
    </dl>
  );
}
