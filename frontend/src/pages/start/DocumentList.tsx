import { Link } from 'react-router';
import type { DocumentType } from '../../api/types';
import { documentTypeName } from '../../domain/requestLabels';
import { useI18n } from '../../i18n/i18n';

export function DocumentList({ items }: { items: readonly DocumentType[] }) {
  const { t } = useI18n();
  return (
    <ul className="document-list">
      {items.map((doc) => (
        <li key={doc.code} className="document-list__item">
          <Link to={`/documenten/${encodeURIComponent(doc.code)}`} className="document-list__link">
            {documentTypeName(t, doc.code, doc.name)}
          </Link>
          <p className="document-list__summary">{doc.summary}</p>
          {doc.automaticAllowed && <span className="tag tag--success">{t('document.automaticTag')}</span>}
        </li>
      ))}
    </ul>
  );
}
