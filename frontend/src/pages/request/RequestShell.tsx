import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { problemMessage } from '../../api/problemMessage';
import type { DocumentType } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { Loading } from '../../components/Status/Loading';
import { Steps } from '../../components/Steps/Steps';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/i18n';
import { NotFoundPage } from '../notfound/NotFoundPage';
import './Request.css';

interface RequestShellProps {
  code: string;
  /** Index in the five steps: 1 sign in, 2 details, 3 overview, 4 confirmation. */
  step: number;
  title: string;
  children: (documentType: DocumentType) => ReactNode;
}

/** One step of a request: loads the document type, shows the steps and the page's title. */
export function RequestShell({ code, step, title, children }: RequestShellProps) {
  const { t } = useI18n();
  const doc = useResource(
    (signal) => unwrap(api.GET('/api/v1/document-types/{code}', { params: { path: { code } }, signal })),
    [code],
  );
  useDocumentTitle(doc.status === 'ok' ? `${title}: ${doc.data.name}` : title);

  if (doc.status === 'loading') return <Loading />;
  if (doc.status === 'error') {
    if (doc.error instanceof ApiProblem && doc.error.status === 404) return <NotFoundPage />;
    return <Alert kind="error">{problemMessage(t, doc.error)}</Alert>;
  }
  return (
    <div className="request">
      <Steps current={step} />
      <p className="caption">{doc.data.name}</p>
      <h1>{title}</h1>
      {children(doc.data)}
    </div>
  );
}
