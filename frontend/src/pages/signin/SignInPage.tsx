import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { AuthMeans } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Loaded } from '../../components/Status/Loaded';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useMocks } from '../../hooks/useHealth';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { SessionEndedNote } from '../../session/SessionEndedNote';
import { browser, citizenLoginUrl, safeNext } from '../../session/signInFlow';
import './SignInPage.css';

/**
 * Where citizens sign in: they choose a digital key, the API sends them on to the federal
 * login ("Digitale sleutels") and, once signed in, back to the page in `next`.
 */
export function SignInPage() {
  const { t } = useI18n();
  useDocumentTitle(t('signIn.heading'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const mocks = useMocks();
  const means = useResource((signal) => unwrap(api.GET('/api/v1/auth/federal/means', { signal })), []);

  const choose = (item: AuthMeans) => browser.assign(citizenLoginUrl(item.code, next));

  return (
    <div className="sign-in">
      <h1>{t('signIn.heading')}</h1>
      <SessionEndedNote />
      <p className="lead">{t('signIn.chooseMeans')}</p>
      {mocks && (
        <Alert kind="warning">
          <p>{t('signIn.testEnvironment')}</p>
        </Alert>
      )}
      <Loaded resource={means}>
        {(data) => (
          <ul className="sign-in__means">
            {data.items.map((item) => (
              <li key={item.code} className="sign-in__means-item">
                <h2 className="sign-in__means-name">{t(`authMeans.${item.code}`)}</h2>
                <p>{t(`signIn.means.${item.code}`)}</p>
                <button type="button" className="button" onClick={() => choose(item)}>
                  {t('signIn.useMeans', { means: t(`authMeans.${item.code}`) })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <p className="sign-in__other">
        {t('signIn.staffQuestion')} <Link to="/medewerkers/aanmelden">{t('signIn.staffLink')}</Link>
      </p>
    </div>
  );
}
