import { useState } from 'react';
import { BusyStatus } from '../Status/BusyStatus';
import { downloadFile } from '../../api/download';
import { problemMessage } from '../../api/problemMessage';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../Alert/Alert';

interface DownloadButtonProps {
  url: string;
  /** The name to save under; by default the one the API gives, else `document.pdf`. */
  fileName?: string;
  label: string;
  /** The button's look; a primary button by default. */
  className?: string;
  /** Turns an error into a sentence; the generic problem message by default. */
  describeError?: (error: unknown) => string;
  /** The file's media type, for the Accept header; a PDF by default. */
  accept?: string;
}

/** Fetches a file (a PDF unless `accept` says otherwise) with the session and saves it under its own name. */
export function DownloadButton({ url, fileName, label, className, describeError, accept }: DownloadButtonProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadFile(url, fileName, accept);
    } catch (problem) {
      setError(describeError ? describeError(problem) : problemMessage(t, problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className={className ?? 'button'} onClick={download} aria-busy={busy || undefined} disabled={busy}>
        {label}
      </button>
      <BusyStatus busy={busy} />
      {error && <Alert kind="error">{error}</Alert>}
    </>
  );
}
