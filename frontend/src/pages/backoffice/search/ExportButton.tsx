import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../../../api/problem';
import { problemMessage } from '../../../api/problemMessage';
import type { Export } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { useI18n } from '../../../i18n/i18n';
import { toSearchParams, type Criteria } from './criteria';
import { runExport, saveExport } from './exportReport';

type State = { phase: 'idle' } | { phase: 'running'; progress?: Export } | { phase: 'done'; fileName: string } | { phase: 'failed'; message: string };

/** "Download Excel-rapport": starts the report, shows how far it is, then saves the .xlsx. */
export function ExportButton({ criteria, sort }: { criteria: Criteria; sort: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const controller = useRef<AbortController>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    // The button stays focusable while the report is made (see below): a second press waits.
    if (state.phase === 'running') return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ phase: 'running' });
    try {
      const done = await runExport(toSearchParams(criteria), sort, {
        language: lang,
        signal: current.signal,
        onProgress: (progress) => setState({ phase: 'running', progress }),
      });
      if (done.status !== 'done') {
        setState({ phase: 'failed', message: t('export.failed') });
        return;
      }
      await saveExport(done);
      setState({ phase: 'done', fileName: done.fileName });
    } catch (error) {
      if (isAbort(error) || current.signal.aborted) return;
      setState({ phase: 'failed', message: `${t('export.failed')} ${problemMessage(t, error)}` });
    }
  };

  const progress = state.phase === 'running' ? state.progress : undefined;
  const total = progress?.totalRows ?? 0;
  const written = Math.min(progress?.rowsWritten ?? 0, total);
  const percent = total > 0 ? Math.round((written / total) * 100) : 0;

  const running = state.phase === 'running';
  return (
    <div className="export">
      {/* aria-disabled rather than disabled: a disabled button loses the focus, and a keyboard
          user would have to find their way back from the top of the page. */}
      <button
        type="button"
        className="button button--secondary"
        onClick={start}
        aria-disabled={running || undefined}
        aria-busy={running || undefined}
      >
        {t('export.button')}
      </button>
      {/* One live region, there before anything is said in it, so screen readers announce that
          the report is being made and that it is done; the row count in between is not read
          out at every change. */}
      <div role="status" className="export__status">
        {running && <p id="export-progress-label">{t('export.running')}</p>}
        {state.phase === 'done' && (
          <div className="alert alert--success">
            <div>{t('export.done', { fileName: state.fileName })}</div>
          </div>
        )}
      </div>
      {running && (
        <div className="export__progress">
          <div
            className="progress"
            role="progressbar"
            aria-labelledby="export-progress-label"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={written}
            aria-valuetext={t('export.rows', { written, total })}
          >
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="muted">{progress ? t('export.rows', { written, total }) : t('export.starting')}</p>
        </div>
      )}
      {state.phase === 'failed' && <Alert kind="error">{state.message}</Alert>}
    </div>
  );
}
