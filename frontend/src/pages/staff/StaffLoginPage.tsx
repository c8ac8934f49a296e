import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { Field } from '../../components/Field/Field';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { homeFor } from '../../session/homeFor';
import { safeNext } from '../../session/signInFlow';
import { sessionStore } from '../../session/store';

type StaffField = 'username' | 'password';
const REQUIRED: Record<StaffField, MessageKey> = {
  username: 'staffLogin.usernameRequired',
  password: 'staffLogin.passwordRequired',
};

/** Mock sign-in for the municipality's staff and for the police. */
export function StaffLoginPage() {
  const { t } = useI18n();
  useDocumentTitle(t('staffLogin.heading'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [values, setValues] = useState<Record<StaffField, string>>({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<string, string>> = {};
    for (const field of ['username', 'password'] as const) {
      if (!values[field].trim()) missing[field] = t(REQUIRED[field]);
    }
    setFieldErrors(missing);
    setFormError(undefined);
    if (Object.keys(missing).length > 0) return;

    setBusy(true);
    try {
      const token = await unwrap(
        api.POST('/api/v1/auth/staff/login', { body: { username: values.username.trim(), password: values.password } }),
      );
      sessionStore.signIn(token);
      const home = homeFor(token.user.role);
      const next = safeNext(params.get('next'));
      navigate(next.startsWith(home) && home !== '/' ? next : home, { replace: true });
    } catch (error) {
      const fields = error instanceof ApiProblem ? error.fieldErrors : {};
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(problemMessage(t, error));
      setBusy(false);
    }
  };

  const change = (field: StaffField) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <div className="narrow">
      <h1>{t('staffLogin.heading')}</h1>
      <p className="lead">{t('staffLogin.intro')}</p>
      <Alert kind="warning">
        <p>{t('staffLogin.testEnvironment')}</p>
      </Alert>
      {formError && <Alert kind="error">{formError}</Alert>}
      <form noValidate onSubmit={submit}>
        <Field
          label={t('staffLogin.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          error={fieldErrors.username}
          onChange={change('username')}
        />
        <Field
          label={t('staffLogin.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          error={fieldErrors.password}
          onChange={change('password')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('staffLogin.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
