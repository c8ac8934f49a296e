import { dueState } from '../../domain/due';
import { useI18n } from '../../i18n/i18n';
import './DueBadge.css';

/** "Te laat" or "Bijna" beside a due date: in words, the colour only adds to them. */
export function DueBadge({ dueAt, now }: { dueAt: string; now: number }) {
  const { t } = useI18n();
  const state = dueState(dueAt, now);
  if (state === 'later') return null;
  return <span className={`due-badge due-badge--${state}`}>{t(state === 'overdue' ? 'due.overdue' : 'due.soon')}</span>;
}
