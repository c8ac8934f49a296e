import type { ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import type { DocumentType } from '../../api/types';
import { isNotFound, Loaded, ProblemAlert } from '../../components/Status/Loaded';
import { Steps } from '../../components/Steps/Steps';
import { documentTypeName } from '../../domain/requestLabels';
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
  const doc = useResource((signal) => unwrap(api.GET('/api/v1/document-types/{code}', { params: { path: { code } }, signal })), [code]);
  const name = doc.status === 'ok' ? documentTypeName(t, doc.data.code, doc.data.name) : undefined;
  useDocumentTitle(name ? `${title}: ${name}` : title);

  return (
    <Loaded resource={doc} error={(error) => (isNotFound(error) ? <NotFoundPage /> : <ProblemAlert error={error} />)}>
      {(data) => (
        <div className="request">
          <Steps current={step} />
          <p className="caption">{name}</p>
          <h1>{title}</h1>
          {children(data)}
        </div>
      )}
    </Loaded>
  );
}
