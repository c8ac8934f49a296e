import type { AriaAttributes, ReactNode } from 'react';

export interface Column {
  key: string;
  label: ReactNode;
  sort?: AriaAttributes['aria-sort'];
}

interface TableProps {
  /** Names the table (a caption for assistive technology) and, unless `labelledBy` does, its region. */
  caption: string;
  /** The id of a heading that names the region. */
  labelledBy?: string;
  /** The column headers: a label, or one with a key and how the column is sorted. */
  columns: readonly (string | Column)[];
  className?: string;
  /** The rows. */
  children: ReactNode;
}

/** A data table in a region of its own, which keyboard users can scroll when it is wider than the screen. */
export function Table({ caption, labelledBy, columns, className, children }: TableProps) {
  return (
    <div className="table-wrapper" role="region" aria-label={labelledBy ? undefined : caption} aria-labelledby={labelledBy} tabIndex={0}>
      <table className={className ? `table ${className}` : 'table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.key} scope="col" aria-sort={column.sort}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
