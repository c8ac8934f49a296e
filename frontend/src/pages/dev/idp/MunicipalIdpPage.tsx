import { useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { BusyStatus } from '../../../components/Status/BusyStatus';
import { fieldMessage, problemMessage } from '../../../api/problemMessage';
import { Alert } from '../../../components/Alert/Alert';
import { Field } from '../../../components/Field/Field';
import { Loaded } from '../../../components/Status/Loaded';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useHealth } from '../../../hooks/useHealth';
import { useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/i18n';
import { browser } from '../../../session/signInFlow';
import { authorize, municipalAccounts, type MunicipalAccount } from './mockOidc';
import './MockIdp.css';

/**
 * The demo's login of the municipality, for staff and police, reached from the mock provider's
 * authorize endpoint with the OpenID Connect query: pick a test account (or type its user
 * name); the provider then sends the browser back to Loket.
 */
export function MunicipalIdpPage() {
  const { t } = useI18n();
  const health = useHealth();
  const municipality = health.status === 'ok' ? health.data.municipality : t('header.municipalityFallback');
  const heading = t('mockMunicipal.heading', { municipality });
  useDocumentTitle(heading);
  const { search } = useLocation();
  const query = search.replace(/^\?/, '');
  const input = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = (field?: string, form?: string) => {
    setFieldError(field);
    setFormError(form);
    setBusy(false);
    if (field) input.current?.focus();
  };

  const go = async (body: Parameters<typeof authorize>[1]) => {
    fail();
    setBusy(true);
    try {
      browser.assign(await authorize('municipal', body));
    } catch (error) {
      const param = error instanceof ApiProblem ? error.invalidParams.find((p) => p.name === 'username') : undefined;
      if (param) fail(fieldMessage(t, param));
      else fail(undefined, problemMessage(t, error));
    }
  };

  const signIn = (value: string) => {
    const name = value.trim();
    if (!name) return fail(t('mockMunicipal.usernameRequired'));
    void go({ query, username: name });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn(username);
  };

  const pick = (account: MunicipalAccount) => {
    setUsername(account.username);
    signIn(account.username);
  };

  return (
    <div className="mock-idp">
      <p className="mock-idp__test-banner" role="note">
        <strong>{t('mockMunicipal.testBanner')}</strong> {t('mockMunicipal.testBannerText')}
      </p>
      <div className="mock-idp__panel mock-idp__panel--municipal">
        <p className="mock-idp__service">{municipality}</p>
        <h1>{heading}</h1>
        {formError && <Alert kind="error">{formError}</Alert>}
        <form noValidate onSubmit={submit}>
          <Field
            ref={input}
            label={t('mockMunicipal.username')}
            error={fieldError}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('mockIdp.submit')}
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void go({ query, cancel: true })}>
              {t('mockIdp.cancel')}
            </button>
            <BusyStatus busy={busy} />
          </div>
        </form>
        <Accounts onPick={pick} disabled={busy} />
      </div>
    </div>
  );
}

function Accounts({ onPick, disabled }: { onPick: (account: MunicipalAccount) => void; disabled: boolean }) {
  const { t } = useI18n();
  const accounts = useResource((signal) => municipalAccounts(signal), []);

  return (
    <section aria-labelledby="test-accounts-heading" className="mock-idp__people">
      <h2 id="test-accounts-heading">{t('mockMunicipal.accounts.heading')}</h2>
      <p>{t('mockMunicipal.accounts.intro')}</p>
      <Loaded resource={accounts}>
        {(data) => (
          <ul>
            {data.items.map((account) => (
              <li key={account.username}>
                <button type="button" className="button-link" disabled={disabled} onClick={() => onPick(account)}>
                  {t('mockIdp.signInAs', { name: account.name })}
                </button>{' '}
                <span className="muted">
                  {account.username} · {t(`mockMunicipal.role.${account.role ?? 'none'}`)}
                </span>
                {account.disabled && (
                  <>
                    {' '}
                    <span className="tag">{t('mockMunicipal.disabled')}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </section>
  );
}
