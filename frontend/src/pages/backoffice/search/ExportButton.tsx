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

  return (
    <div className="export">
      <button
        type="button"
        className="button button--secondary"
        onClick={start}
        disabled={state.phase === 'running'}
        aria-busy={state.phase === 'running' || undefined}
      >
        {t('export.button')}
      </button>
      {state.phase === 'running' && (
        <div className="export__progress">
          <p id="export-progress-label">{t('export.running')}</p>
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
      {state.phase === 'done' && <Alert kind="success">{t('export.done', { fileName: state.fileName })}</Alert>}
      {state.phase === 'failed' && <Alert kind="error">{state.message}</Alert>}
    </div>
  );
}
