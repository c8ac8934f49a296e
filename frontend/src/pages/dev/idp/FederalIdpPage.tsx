import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { BusyStatus } from '../../../components/Status/BusyStatus';
import { fieldMessage, problemMessage } from '../../../api/problemMessage';
import type { AuthMeansCode } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { ChoiceField } from '../../../components/Choice/ChoiceField';
import { Field } from '../../../components/Field/Field';
import { Loaded } from '../../../components/Status/Loaded';
import { formatNationalNumber, parseNationalNumber } from '../../../domain/nationalNumber';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useResource } from '../../../hooks/useResource';
import { locale, useI18n } from '../../../i18n/i18n';
import { browser } from '../../../session/signInFlow';
import { authorize, testCitizens, type TestCitizen } from './mockOidc';
import { AUTH_MEANS } from '../../../domain/vocabulary';
import './MockIdp.css';

const MEANS_ID = 'mock-federal-means';

/** The means the relying party asked for (`acr_values`), when it is one this service knows. */
function requestedMeans(search: string): AuthMeansCode | '' {
  const asked = new URLSearchParams(search).get('acr_values')?.split(/\s+/) ?? [];
  return AUTH_MEANS.find((code) => asked.includes(code)) ?? '';
}

/**
 * The demo's federal login ("Digitale sleutels"), reached from the mock provider's authorize
 * endpoint with the OpenID Connect query: pick a means and say who you are, with a test
 * person's national register number. The provider then sends the browser back to Loket.
 */
export function FederalIdpPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mockFederal.heading'));
  const { search } = useLocation();
  const query = search.replace(/^\?/, '');
  const numberInput = useRef<HTMLInputElement>(null);
  const [means, setMeans] = useState<AuthMeansCode | ''>(() => requestedMeans(search));
  const [nationalNumber, setNationalNumber] = useState('');
  const [errors, setErrors] = useState<{ means?: string; nationalNumber?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = (next: { means?: string; nationalNumber?: string }, form?: string) => {
    setErrors(next);
    setFormError(form);
    setBusy(false);
    if (next.means) document.getElementById(MEANS_ID)?.focus();
    else if (next.nationalNumber) numberInput.current?.focus();
  };

  const go = async (body: Parameters<typeof authorize>[1]) => {
    setBusy(true);
    try {
      browser.assign(await authorize('federal', body));
    } catch (error) {
      const params = error instanceof ApiProblem ? error.invalidParams : [];
      const field = (name: string) => {
        const param = params.find((p) => p.name === name);
        return param ? fieldMessage(t, param) : undefined;
      };
      const next = { means: field('means'), nationalNumber: field('nationalNumber') };
      fail(next, next.means || next.nationalNumber ? undefined : problemMessage(t, error));
    }
  };

  const signIn = (value: string) => {
    const parsed = parseNationalNumber(value);
    const next = {
      means: means ? undefined : t('mockFederal.meansRequired'),
      nationalNumber: parsed.ok ? undefined : t(`signIn.nationalNumber.${parsed.error}`),
    };
    if (!means || !parsed.ok) return fail(next);
    fail({});
    void go({ query, means, nationalNumber: parsed.digits });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn(nationalNumber);
  };

  const pick = (citizen: TestCitizen) => {
    setNationalNumber(formatNationalNumber(citizen.nationalNumber));
    signIn(citizen.nationalNumber);
  };

  const cancel = () => {
    fail({});
    void go({ query, cancel: true });
  };

  return (
    <div className="mock-idp">
      <p className="mock-idp__test-banner" role="note">
        <strong>{t('mockFederal.testBanner')}</strong> {t('mockFederal.testBannerText')}
      </p>
      <div className="mock-idp__panel">
        <p className="mock-idp__service">{t('mockFederal.service')}</p>
        <h1>{t('mockFederal.heading')}</h1>
        {formError && <Alert kind="error">{formError}</Alert>}
        <form noValidate onSubmit={submit}>
          <ChoiceField
            id={MEANS_ID}
            name="means"
            legend={t('mockFederal.means')}
            error={errors.means}
            choices={AUTH_MEANS.map((code) => ({ value: code, label: t(`authMeans.${code}`), hint: t(`signIn.means.${code}`) }))}
            value={means}
            onChange={setMeans}
          />
          <Field
            ref={numberInput}
            label={t('signIn.nationalNumber.label')}
            hint={t('signIn.nationalNumber.hint')}
            error={errors.nationalNumber}
            name="nationalNumber"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={nationalNumber}
            onChange={(event) => setNationalNumber(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('mockIdp.submit')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={cancel}>
              {t('mockIdp.cancel')}
            </button>
            <BusyStatus busy={busy} />
          </div>
        </form>
        <TestCitizens onPick={pick} disabled={busy} />
      </div>
    </div>
  );
}

function TestCitizens({ onPick, disabled }: { onPick: (citizen: TestCitizen) => void; disabled: boolean }) {
  const { t, lang } = useI18n();
  const citizens = useResource((signal) => testCitizens(signal), []);
  const date = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' });

  return (
    <section aria-labelledby="test-citizens-heading" className="mock-idp__people">
      <h2 id="test-citizens-heading">{t('mockFederal.testCitizens.heading')}</h2>
      <p>{t('mockFederal.testCitizens.intro')}</p>
      <Loaded resource={citizens}>
        {(data) => (
          <ul>
            {data.items.map((citizen) => (
              <li key={citizen.nationalNumber}>
                <button type="button" className="button-link" disabled={disabled} onClick={() => onPick(citizen)}>
                  {t('mockIdp.signInAs', { name: citizen.name })}
                </button>{' '}
                <span className="muted">
                  {formatNationalNumber(citizen.nationalNumber)} ·{' '}
                  {t('mockFederal.testCitizens.born', { date: date.format(new Date(citizen.birthDate)) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
