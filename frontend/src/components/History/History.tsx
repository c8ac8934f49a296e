import type { HistoryEntry } from '../../api/types';
import { deliveryText, historyActionText } from '../../domain/requestLabels';
import { useFormat } from '../../i18n/format';
import { useI18n, type Translate } from '../../i18n/i18n';
import './History.css';

/** What happened to a request, oldest first; labelled by the heading with `labelledBy`. */
export function History({ entries, labelledBy }: { entries: readonly HistoryEntry[]; labelledBy: string }) {
  const { t } = useI18n();
  const format = useFormat();
  if (entries.length === 0) return <p>{t('myRequest.noHistory')}</p>;
  return (
    <ol className="timeline" aria-labelledby={labelledBy}>
      {entries.map((entry, index) => {
        const notes = detailNotes(t, entry);
        return (
          <li key={`${entry.at}-${index}`} className="timeline__item">
            <p className="timeline__action">{historyActionText(t, entry.action)}</p>
            <p className="muted">
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {entry.actorName}
            </p>
            {notes.map((note) => (
              <p key={note}>{note}</p>
            ))}
            {entry.reason && <p>{entry.reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}

function field(details: unknown, name: string): unknown {
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[name] : undefined;
}

/** The few details worth a sentence: the advice and who gave it, how a document went out. */
export function detailNotes(t: Translate, entry: HistoryEntry): string[] {
  const notes: string[] = [];
  if (entry.action === 'advice_given') {
    const advice = field(entry.details, 'advice');
    if (advice === 'favourable' || advice === 'unfavourable') notes.push(t('history.advice', { advice: t(`advice.${advice}`) }));
    if (field(entry.details, 'onBehalfOfPolice') === true) notes.push(t('history.onBehalfOfPolice', { name: entry.actorName }));
  }
  if (entry.action === 'delivered') {
    const method = field(entry.details, 'method');
    if (typeof method === 'string') notes.push(t('history.deliveryMethod', { method: deliveryText(t, method) }));
    const recipient = field(entry.details, 'recipient');
    const name = field(recipient, 'name');
    if (typeof name === 'string') notes.push(t('history.letterTo', { name }));
  }
  if (entry.action === 'task_assigned') {
    const assignee = field(entry.details, 'assignee');
    if (typeof assignee === 'string') notes.push(t('history.assignedTo', { name: assignee }));
  }
  return notes;
}
