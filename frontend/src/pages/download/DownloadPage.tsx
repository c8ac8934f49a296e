import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { DownloadInfo } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { DownloadButton } from '../../components/DownloadButton/DownloadButton';
import { Loaded, ProblemAlert } from '../../components/Status/Loaded';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/store';

/** Where the link in the e-mail leads: the document, for three months. */
export function DownloadPage() {
  const { t } = useI18n();
  const token = useParams().token ?? '';
  const info = useResource((signal) => unwrap(api.GET('/api/v1/downloads/{token}', { params: { path: { token } }, signal })), [token]);
  const problem = info.status === 'error' && info.error instanceof ApiProblem ? info.error : null;
  const expired = problem?.status === 410 || problem?.code === 'link_expired';
  const unknown = !expired && problem?.status === 404;
  const heading = expired ? t('download.expiredHeading') : unknown ? t('download.unknownHeading') : t('download.heading');
  useDocumentTitle(heading);

  return (
    <div className="narrow">
      <h1>{heading}</h1>
      <Loaded resource={info} error={(error) => (expired ? <Expired /> : unknown ? <Unknown /> : <ProblemAlert error={error} />)}>
        {(data) => <Ready token={token} info={data} />}
      </Loaded>
    </div>
  );
}

function Expired() {
  const { t } = useI18n();
  return (
    <>
      <p className="lead">{t('download.expiredText')}</p>
      <h2>{t('download.newCopyHeading')}</h2>
      <ul>
        <li>
          {t('download.newCopyMyRequests')} <Link to="/mijn-aanvragen">{t('header.myRequests')}</Link>
        </li>
        <li>
          {t('download.newCopyAgain')} <Link to="/">{t('download.catalogue')}</Link>
        </li>
      </ul>
    </>
  );
}

function Unknown() {
  const { t } = useI18n();
  return (
    <>
      <p className="lead">{t('download.unknownText')}</p>
      <p>
        <Link to="/">{t('download.catalogue')}</Link>
      </p>
    </>
  );
}

function Ready({ token, info }: { token: string; info: DownloadInfo }) {
  const { t } = useI18n();
  const format = useFormat();
  const session = useSession();
  const here = `/download/${encodeURIComponent(token)}`;
  const mustSignIn = info.requiresSignIn && session?.user.role !== 'citizen';

  const describeError = (error: unknown) => {
    if (error instanceof ApiProblem && error.status === 403) return t('download.otherPerson');
    if (error instanceof ApiProblem && error.status === 401) return t('download.signInFirst');
    if (error instanceof ApiProblem && error.status === 410) return t('download.expiredText');
    return problemMessage(t, error);
  };

  return (
    <>
      <p className="lead">{info.title}</p>
      <p>{t('download.reference', { reference: info.reference })}</p>
      <p>{t('download.expiresAt', { date: format.date(info.expiresAt) })}</p>
      {mustSignIn ? (
        <Alert kind="info" title={t('download.signInTitle')}>
          <p>{t('download.signInText')}</p>
          <p>
            <Link className="button" to={`/aanmelden?next=${encodeURIComponent(here)}`}>
              {t('header.signIn')}
            </Link>
          </p>
        </Alert>
      ) : (
        <div className="actions">
          <DownloadButton
            url={info.fileUrl}
            fileName={info.fileName}
            label={t('download.button', { fileName: info.fileName })}
            describeError={describeError}
          />
        </div>
      )}
    </>
  );
}
