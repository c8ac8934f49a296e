import { Alert } from '../components/Alert/Alert';
import { useI18n } from '../i18n/i18n';
import { useSessionState } from './store';

/** On a sign-in page: why the person has to sign in again, when the API ended their session. */
export function SessionEndedNote() {
  const { t } = useI18n();
  const { ended } = useSessionState();
  if (!ended) return null;
  return (
    <Alert kind="info" title={t(`session.${ended}.title`)}>
      <p>{t(`session.${ended}.text`)}</p>
    </Alert>
  );
}
