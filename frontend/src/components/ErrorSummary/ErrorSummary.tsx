import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface SummaryError {
  /** The id of the field, to jump to. */
  id: string;
  label: string;
  message: string;
}

/**
 * The errors of a form at its top, each a link to its field. It takes focus each time
 * `attempt` changes (every submit that failed), so the person hears what to fix. It is also an
 * alert: when focus goes to a field instead (one error in a dialog), or the errors change while
 * the person stays where they are, a screen reader still reads them out.
 */
export function ErrorSummary({ errors, attempt }: { errors: readonly SummaryError[]; attempt: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = errors.length > 0;

  useEffect(() => {
    if (attempt > 0 && shown) ref.current?.focus();
  }, [attempt, shown]);

  if (!shown) return null;
  const jump = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const field = document.getElementById(id);
    field?.focus();
    field?.scrollIntoView?.({ block: 'center' });
  };
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId} className="alert__title">
        {t('errorSummary.title')}
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={error.id}>
            <a href={`#${error.id}`} onClick={jump(error.id)}>
              {error.label}: {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
