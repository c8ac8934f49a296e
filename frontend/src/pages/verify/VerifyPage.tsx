import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { Verification } from '../../api/types';
import { Field } from '../../components/Field/Field';
import { isNotFound, Loaded, ProblemAlert } from '../../components/Status/Loaded';
import { SummaryList } from '../../components/SummaryList/SummaryList';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CompareFile } from './CompareFile';
import { normalizeVerificationCode } from './verificationCode';
import './VerifyPage.css';

/** Public: anyone holding a paper checks with its code that the municipality issued it. */
export function VerifyPage() {
  const { t } = useI18n();
  useDocumentTitle(t('verify.heading'));
  const code = useParams().code ?? '';
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  const [error, setError] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  // Back and forward change the code in the address: the field follows it.
  const [shown, setShown] = useState(code);
  if (shown !== code) {
    setShown(code);
    setInput(code);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeVerificationCode(input);
    if (!normalized) {
      setError(t('verify.empty'));
      field.current?.focus();
      return;
    }
    setError(undefined);
    void navigate(`/verifieer/${encodeURIComponent(normalized)}`);
  };

  return (
    <div className="narrow">
      <h1>{t('verify.heading')}</h1>
      <p className="lead">{t('verify.intro')}</p>
      <form noValidate onSubmit={submit} role="search" aria-label={t('verify.heading')}>
        <Field
          ref={field}
          label={t('verify.codeLabel')}
          hint={t('verify.codeHint')}
          error={error}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={input}
          onChange={(event) => setInput(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('verify.submit')}
          </button>
        </div>
      </form>
      {code && <Result code={normalizeVerificationCode(code)} />}
    </div>
  );
}

function Result({ code }: { code: string }) {
  const { t } = useI18n();
  const result = useResource((signal) => unwrap(api.GET('/api/v1/verify/{code}', { params: { path: { code } }, signal })), [code]);
  return (
    <>
      <section aria-labelledby="verify-result" aria-live="polite" className="verify-result">
        <Loaded
          resource={result}
          error={(error) =>
            isNotFound(error) || (error instanceof ApiProblem && error.code === 'unknown_verification_code') ? (
              <div className="verify-result__box verify-result__box--unknown">
                <h2 id="verify-result">{t('verify.unknownHeading')}</h2>
                <p>{t('verify.unknownText')}</p>
              </div>
            ) : (
              <>
                <h2 id="verify-result" className="visually-hidden">
                  {t('verify.resultHeading')}
                </h2>
                <ProblemAlert error={error} />
              </>
            )
          }
        >
          {(data) => <Genuine verification={data} />}
        </Loaded>
      </section>
      {result.status === 'ok' && <CompareFile code={result.data.code} />}
    </>
  );
}

function Genuine({ verification }: { verification: Verification }) {
  const { t } = useI18n();
  const format = useFormat();
  const statusKey = `verify.status.${verification.status}` as const;
  return (
    <div className={`verify-result__box verify-result__box--${verification.status}`}>
      <h2 id="verify-result">{t('verify.genuineHeading')}</h2>
      <p className="lead">{t(`verify.statusText.${verification.status}`)}</p>
      <SummaryList
        rows={[
          { label: t('verify.code'), value: verification.code },
          { label: t('verify.documentTitle'), value: verification.documentTitle },
          { label: t('verify.issuedTo'), value: verification.issuedTo },
          { label: t('verify.issuer'), value: verification.issuer },
          { label: t('verify.issuedAt'), value: format.date(verification.issuedAt) },
          { label: t('verify.validUntil'), value: verification.validUntil ? format.date(verification.validUntil) : t('verify.noEnd') },
          { label: t('verify.statusLabel'), value: <strong>{t(statusKey)}</strong> },
        ]}
      />
      <p className="muted">{t('verify.neverShown')}</p>
    </div>
  );
}
