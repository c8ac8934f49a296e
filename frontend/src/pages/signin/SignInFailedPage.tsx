import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert/Alert';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useI18n } from '../../i18n/i18n';
import { signInPage } from '../../session/signInFlow';

/** The reasons the API gives when it sends someone back here instead of signing them in. */
const CODES = ['access_denied', 'provider_unavailable', 'sign_in_failed', 'sign_in_expired', 'role_missing', 'account_unknown'] as const;
type FailureCode = (typeof CODES)[number];

function failureCode(value: string | null): FailureCode {
  return CODES.find((code) => code === value) ?? 'sign_in_failed';
}

/**
 * Where a sign-in that did not work ends: `/aanmelden/mislukt?code=…&for=citizen|staff&returnTo=…`.
 * Says what happened in words and offers to start again, to the same page as before.
 */
export function SignInFailedPage() {
  const { t } = useI18n();
  useDocumentTitle(t('signInFailed.heading'));
  const [params] = useSearchParams();
  const code = failureCode(params.get('code'));
  const audience = params.get('for') === 'staff' ? 'staff' : 'citizen';
  const retry = signInPage(audience, params.get('returnTo') ?? '/');

  return (
    <div className="narrow">
      <h1>{t('signInFailed.heading')}</h1>
      <Alert kind={code === 'access_denied' ? 'info' : 'error'} title={t(`signInFailed.${code}.title`)}>
        <p>{t(`signInFailed.${code}.text`)}</p>
      </Alert>
      <div className="actions">
        <Link className="button" to={retry}>
          {t('signInFailed.retry')}
        </Link>
        <Link className="button button--secondary" to="/">
          {t('signInFailed.home')}
        </Link>
      </div>
    </div>
  );
}
