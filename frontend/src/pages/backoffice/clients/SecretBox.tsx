import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/i18n';

/** A secret the API showed this once: whose it is, and the value itself. */
export interface ShownSecret {
  /** What the box is titled: the client's or the webhook's secret. */
  title: string;
  /** What just happened: "De koppeling … is aangemaakt." */
  news?: string;
  /** The client id to use with it (a client's secret only). */
  clientId?: string;
  value: string;
}

/**
 * A secret shown once, in a box that takes focus when it comes: the value to copy (with a
 * button), and the warning that it will not be shown again. The person closes it when saved.
 */
export function SecretBox({ secret, onDone }: { secret: ShownSecret; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const valueId = useId();
  const [copied, setCopied] = useState<'yes' | 'failed'>();

  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'center' });
  }, [secret]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret.value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div ref={ref} tabIndex={-1} className="secret-box" role="region" aria-labelledby={titleId}>
      <h2 id={titleId} className="secret-box__title">
        {secret.title}
      </h2>
      {secret.news && <p>{secret.news}</p>}
      <p className="secret-box__warning">
        <strong>{t('secretBox.onceTitle')}</strong> {t('secretBox.once')}
      </p>
      {secret.clientId && (
        <p>
          {t('secretBox.clientId')}: <code className="secret-box__code">{secret.clientId}</code>
        </p>
      )}
      <label htmlFor={valueId} className="field__label">
        {t('secretBox.secret')}
      </label>
      <div className="secret-box__value">
        <input
          id={valueId}
          className="field__input secret-box__input"
          readOnly
          value={secret.value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {t('secretBox.copy')}
        </button>
      </div>
      <p aria-live="polite" className="secret-box__copied">
        {copied === 'yes' ? t('secretBox.copied') : copied === 'failed' ? t('secretBox.copyFailed') : ''}
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('secretBox.done')}
      </button>
    </div>
  );
}
