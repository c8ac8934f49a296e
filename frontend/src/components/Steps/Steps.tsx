import { useI18n, type MessageKey } from '../../i18n/i18n';
import './Steps.css';

export const REQUEST_STEPS: readonly MessageKey[] = ['steps.choose', 'steps.signIn', 'steps.details', 'steps.overview', 'steps.confirmation'];

/** Where the citizen is in the request: the five steps, the current one marked. */
export function Steps({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('steps.label')} className="steps">
      <p className="steps__count">{t('steps.count', { current: current + 1, total: REQUEST_STEPS.length })}</p>
      <ol className="steps__list">
        {REQUEST_STEPS.map((key, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li key={key} className={`steps__item steps__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {t(key)}
              {state === 'done' && <span className="visually-hidden"> ({t('steps.done')})</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
