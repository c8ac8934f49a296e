import type { RequestDetail } from '../../api/types';
import { manualReasonSentence, manualReasonText } from '../../domain/requestLabels';
import { useI18n } from '../../i18n/i18n';

/**
 * Why a request is handled by staff, under a heading; nothing when it was automatic. Staff read
 * the short label; the citizen (`explained`) one plain sentence per reason, with what happens.
 */
export function ManualReasons({
  heading,
  reasons,
  explained = false,
}: {
  heading: string;
  reasons: RequestDetail['manualReasons'];
  explained?: boolean;
}) {
  const { t } = useI18n();
  const text = explained ? manualReasonSentence : manualReasonText;
  if (reasons.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <ul>
        {reasons.map(({ code }) => (
          <li key={code}>{text(t, code)}</li>
        ))}
      </ul>
    </>
  );
}
