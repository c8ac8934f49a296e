import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { AuthMeans, TestCitizen } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Field } from '../../components/Field/Field';
import { Loading } from '../../components/Status/Loading';
import { formatNationalNumber, parseNationalNumber } from '../../domain/nationalNumber';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { locale, useI18n } from '../../i18n/i18n';
import { beginSignIn } from '../../session/signInFlow';
import './SignInPage.css';

/**
 * A stand-in for the federal login service ("Digitale sleutels"): choose a means, then say
 * who you are. It hands back a one-time code, as the real service does.
 */
export function SignInPage() {
  const { t } = useI18n();
  useDocumentTitle(t('signIn.heading'));
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  const means = useResource((signal) => unwrap(api.GET('/api/v1/auth/federal/means', { signal })), []);
  const [chosen, setChosen] = useState<AuthMeans | null>(null);

  return (
    <div className="federal">
      <p className="federal__test-banner" role="note">
        <strong>{t('signIn.testBanner')}</strong> {t('signIn.testBannerText')}
      </p>
      <div className="federal__panel">
        <p className="federal__service">{t('signIn.service')}</p>
        <h1>{t('signIn.heading')}</h1>
        {chosen ? (
          <MeansForm means={chosen} next={next} onBack={() => setChosen(null)} />
        ) : (
          <>
            <p className="lead">{t('signIn.chooseMeans')}</p>
            {means.status === 'loading' && <Loading />}
            {means.status === 'error' && <Alert kind="error">{problemMessage(t, means.error)}</Alert>}
            {means.status === 'ok' && (
              <ul className="federal__means">
                {means.data.items.map((item) => (
                  <li key={item.code} className="federal__means-item">
                    <h2 className="federal__means-name">{item.name}</h2>
                    <p>{t(`signIn.means.${item.code}`)}</p>
                    <button type="button" className="button" onClick={() => setChosen(item)}>
                      {t('signIn.useMeans', { means: item.name })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function MeansForm({ means, next, onBack }: { means: AuthMeans; next: string; onBack: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [nationalNumber, setNationalNumber] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = (field: string | undefined, form?: string) => {
    setFieldError(field);
    setFormError(form);
    if (field) input.current?.focus();
  };

  const authorize = async (value: string) => {
    const parsed = parseNationalNumber(value);
    if (!parsed.ok) return fail(t(`signIn.nationalNumber.${parsed.error}`));
    fail(undefined);
    setBusy(true);
    try {
      const state = beginSignIn(next);
      const grant = await unwrap(
        api.POST('/api/v1/auth/federal/authorize', {
          body: { means: means.code, nationalNumber: parsed.digits, state },
        }),
      );
      const query = new URLSearchParams({ code: grant.code, state: grant.state });
      navigate(`/aanmelden/terugkeer?${query}`);
    } catch (error) {
      const field = error instanceof ApiProblem ? error.fieldErrors.nationalNumber : undefined;
      fail(field, field ? undefined : problemMessage(t, error));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void authorize(nationalNumber);
  };

  const pick = (citizen: TestCitizen) => {
    setNationalNumber(formatNationalNumber(citizen.nationalNumber));
    void authorize(citizen.nationalNumber);
  };

  return (
    <>
      <h2>{t('signIn.withMeans', { means: means.name })}</h2>
      {formError && <Alert kind="error">{formError}</Alert>}
      <form noValidate onSubmit={submit} className="federal__form">
        <Field
          ref={input}
          label={t('signIn.nationalNumber.label')}
          hint={t('signIn.nationalNumber.hint')}
          error={fieldError}
          name="nationalNumber"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={nationalNumber}
          onChange={(event) => setNationalNumber(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('signIn.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onBack}>
            {t('signIn.otherMeans')}
          </button>
        </div>
      </form>
      <TestCitizens onPick={pick} disabled={busy} />
    </>
  );
}

function TestCitizens({ onPick, disabled }: { onPick: (citizen: TestCitizen) => void; disabled: boolean }) {
  const { t, lang } = useI18n();
  const citizens = useResource((signal) => unwrap(api.GET('/api/v1/auth/federal/test-citizens', { signal })), []);
  const date = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' });

  return (
    <section aria-labelledby="test-citizens-heading" className="federal__test-citizens">
      <h3 id="test-citizens-heading">{t('signIn.testCitizens.heading')}</h3>
      <p>{t('signIn.testCitizens.intro')}</p>
      {citizens.status === 'loading' && <Loading />}
      {citizens.status === 'error' && <Alert kind="error">{problemMessage(t, citizens.error)}</Alert>}
      {citizens.status === 'ok' && (
        <ul className="federal__citizen-list">
          {citizens.data.items.map((citizen) => (
            <li key={citizen.nationalNumber}>
              <button
                type="button"
                className="button-link"
                aria-label={t('signIn.testCitizens.signInAs', { name: citizen.name })}
                disabled={disabled}
                onClick={() => onPick(citizen)}
              >
                {citizen.name}
              </button>{' '}
              <span className="muted">
                {formatNationalNumber(citizen.nationalNumber)} ·{' '}
                {t('signIn.testCitizens.born', { date: date.format(new Date(citizen.birthDate)) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
