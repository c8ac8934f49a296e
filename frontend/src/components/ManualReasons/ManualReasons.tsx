import type { RequestDetail } from '../../api/types';
import { manualReasonText } from '../../domain/requestLabels';
import { useI18n } from '../../i18n/i18n';

/** Why a request is handled by staff, under a heading; nothing when it was automatic. */
export function ManualReasons({ heading, reasons }: { heading: string; reasons: RequestDetail['manualReasons'] }) {
  const { t } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <ul>
        {reasons.map(({ code }) => (
          <li key={code}>{manualReasonText(t, code)}</li>
        ))}
      </ul>
    </>
  );
}
