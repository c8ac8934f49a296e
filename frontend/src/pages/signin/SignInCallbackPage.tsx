import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { problemMessage } from '../../api/problemMessage';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n } from '../../i18n/i18n';
import { completeSignIn } from '../../session/signInFlow';
import { sessionStore } from '../../session/store';

/** Where the federal login sends people back: trade the one-time code for a session. */
export function SignInCallbackPage() {
  const { t } = useI18n();
  useDocumentTitle(t('signInCallback.heading'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    // The code works once; React may run this effect twice in development.
    if (started.current) return;
    started.current = true;
    const code = params.get('code');
    const next = completeSignIn(params.get('state'));
    if (!code || !next) {
      setError(t('signInCallback.stateMismatch'));
      return;
    }
    unwrap(api.POST('/api/v1/auth/token', { body: { code } })).then(
      (token) => {
        sessionStore.signIn(token);
        navigate(next, { replace: true });
      },
      (problem: unknown) => setError(problemMessage(t, problem)),
    );
  }, [params, navigate, t]);

  if (!error) {
    return (
      <>
        <h1>{t('signInCallback.heading')}</h1>
        <Loading />
      </>
    );
  }
  return (
    <>
      <h1>{t('signInCallback.failedHeading')}</h1>
      <Alert kind="error">{error}</Alert>
      <p>
        <Link to="/aanmelden">{t('signInCallback.retry')}</Link>
      </p>
    </>
  );
}
