import type { HistoryEntry } from '../../api/types';
import { actorText, adviceText, deliveryText, eventReasonText, historyActionText } from '../../domain/requestLabels';
import { useFormat } from '../../i18n/format';
import { useI18n, type Translate } from '../../i18n/i18n';
import './History.css';

interface HistoryProps {
  entries: readonly HistoryEntry[];
  labelledBy: string;
  /** Who reads it: a citizen sees "a member of staff" where staff see a colleague's name. */
  audience: 'citizen' | 'staff';
}

/** What happened to a request, oldest first; labelled by the heading with `labelledBy`. */
export function History({ entries, labelledBy, audience }: HistoryProps) {
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
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> · {actorText(t, entry, audience)}
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

/**
 * The few details worth a sentence: the advice and who gave it, how a document went out and
 * for whom, who a task went to. The details' `kind` (the entry's action) says their shape.
 */
export function detailNotes(t: Translate, entry: HistoryEntry): string[] {
  const details = entry.details;
  const notes: string[] = [];
  switch (details?.kind) {
    case 'advice_given':
      notes.push(t('history.advice', { advice: adviceText(t, details.advice) }));
      if (details.onBehalfOfPolice) notes.push(t('history.onBehalfOfPolice', { name: entry.actorName }));
      if (details.afterDeadline) notes.push(t('history.afterDeadline'));
      break;
    case 'delivered':
      notes.push(t('history.deliveryMethod', { method: deliveryText(t, details.method) }));
      if (details.recipient) notes.push(t('history.letterTo', { name: details.recipient.name }));
      if (details.madeFor) {
        const key = details.madeFor.identityConfirmed ? 'history.madeForConfirmed' : 'history.madeFor';
        notes.push(t(key, { name: details.madeFor.name }));
      }
      break;
    case 'task_assigned':
      if (details.assignee) notes.push(t('history.assignedTo', { name: details.assignee }));
      break;
  }
  return notes;
}
