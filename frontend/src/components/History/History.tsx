import type { HistoryEntry } from '../../api/types';
import { actorText, adviceText, deliveryText, detail, eventReasonText, historyActionText } from '../../domain/requestLabels';
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
        const reason = eventReasonText(t, entry);
        return (
          <li key={`${entry.at}-${index}`} className="timeline__item">
            <p className="timeline__action">{historyActionText(t, entry.action)}</p>
            <p className="muted">
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {actorText(t, entry)}
            </p>
            {notes.map((note) => (
              <p key={note}>{note}</p>
            ))}
            {reason && <p>{reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}

/** The few details worth a sentence: the advice and who gave it, how a document went out. */
export function detailNotes(t: Translate, entry: HistoryEntry): string[] {
  const notes: string[] = [];
  if (entry.action === 'advice_given') {
    const advice = detail(entry.details, 'advice');
    if (typeof advice === 'string') notes.push(t('history.advice', { advice: adviceText(t, advice) }));
    if (detail(entry.details, 'onBehalfOfPolice') === true) notes.push(t('history.onBehalfOfPolice', { name: entry.actorName }));
    if (detail(entry.details, 'afterDeadline') === true) notes.push(t('history.afterDeadline'));
  }
  if (entry.action === 'delivered') {
    const method = detail(entry.details, 'method');
    if (typeof method === 'string') notes.push(t('history.deliveryMethod', { method: deliveryText(t, method) }));
    const name = detail(detail(entry.details, 'recipient'), 'name');
    if (typeof name === 'string') notes.push(t('history.letterTo', { name }));
  }
  if (entry.action === 'task_assigned') {
    const assignee = detail(entry.details, 'assignee');
    if (typeof assignee === 'string') notes.push(t('history.assignedTo', { name: assignee }));
  }
  return notes;
}
