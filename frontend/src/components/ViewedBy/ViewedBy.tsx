import type { AccessEntry } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { isMessageKey, useI18n, type Translate } from '../../i18n/i18n';
import './ViewedBy.css';

/** What someone looked at, in words; an action this SPA does not know yet as its code. */
export function accessActionText(t: Translate, action: string): string {
  const key = `viewedBy.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** Who looked, for staff: the colleague's name and their role. */
function whoText(t: Translate, entry: AccessEntry): string {
  const key = `viewedBy.role.${entry.actorRole}`;
  return isMessageKey(key) ? t('viewedBy.who', { name: entry.actorName, role: t(key) }) : entry.actorName;
}

/**
 * The service that looked, for the citizen: the SPA's own label by role (the municipality's
 * staff and admins, or the police), never a person's name.
 */
export function serviceText(t: Translate, entry: AccessEntry): string {
  if (entry.actorRole === 'police') return t('viewedBy.service.police');
  if (entry.actorRole === 'staff' || entry.actorRole === 'admin') return t('viewedBy.service.municipality');
  return entry.actorName;
}

/** "Inzage" on a request's staff page: when, who and what, newest first. */
export function StaffViewedBy({ entries }: { entries: readonly AccessEntry[] }) {
  const { t } = useI18n();
  return (
    <ViewedBy
      heading={t('viewedBy.staffHeading')}
      none={t('viewedBy.staffNone')}
      columns={[t('viewedBy.column.when'), t('viewedBy.column.who'), t('viewedBy.column.what')]}
      entries={entries}
      cells={(entry) => [whoText(t, entry), accessActionText(t, entry.action)]}
    />
  );
}

/**
 * "Wie heeft je aanvraag ingekeken" on the citizen's own request, like the federal "Wie heeft
 * mijn gegevens geraadpleegd": when, and which service.
 */
export function CitizenViewedBy({ entries }: { entries: readonly AccessEntry[] }) {
  const { t } = useI18n();
  return (
    <ViewedBy
      heading={t('viewedBy.citizenHeading')}
      intro={t('viewedBy.citizenIntro')}
      none={t('viewedBy.citizenNone')}
      columns={[t('viewedBy.column.date'), t('viewedBy.column.service')]}
      entries={entries}
      cells={(entry) => [serviceText(t, entry)]}
    />
  );
}

interface ViewedByProps {
  heading: string;
  intro?: string;
  none: string;
  /** The column of the moment first, then those of `cells`. */
  columns: readonly string[];
  entries: readonly AccessEntry[];
  cells: (entry: AccessEntry) => string[];
}

function ViewedBy({ heading, intro, none, columns, entries, cells }: ViewedByProps) {
  const format = useFormat();
  return (
    <section aria-labelledby="viewed-by-heading" className="viewed-by">
      <h2 id="viewed-by-heading">{heading}</h2>
      {intro && <p className="muted">{intro}</p>}
      {entries.length === 0 ? (
        <p>{none}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" aria-labelledby="viewed-by-heading">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td>
                    <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                  </td>
                  {cells(entry).map((cell, column) => (
                    <td key={column}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
