import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { ApiProblem, isAbort } from '../../api/problem';
import { ProblemAlert } from '../../components/Status/Loaded';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { COMPARE_LIMIT, compareFile, type DocumentComparison } from './compareFile';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; name: string }
  | { kind: 'done'; name: string; result: DocumentComparison['result'] }
  | { kind: 'refused'; name: string; message: MessageKey }
  | { kind: 'failed'; name: string; error: unknown };

/**
 * "Is this file the document that was issued?": the visitor chooses or drops the PDF, the API
 * compares it byte for byte with the document under `code` and keeps nothing of it.
 */
export function CompareFile({ code }: { code: string }) {
  const { t } = useI18n();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const running = useRef<AbortController>(null);
  useEffect(() => () => running.current?.abort(), []);
  // Another code is another document: an earlier answer is not about it.
  const [shownFor, setShownFor] = useState(code);
  if (shownFor !== code) {
    setShownFor(code);
    setState({ kind: 'idle' });
  }

  const check = async (file: File) => {
    running.current?.abort();
    if (file.size > COMPARE_LIMIT) {
      setState({ kind: 'refused', name: file.name, message: 'verify.compare.tooLarge' });
      return;
    }
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: 'busy', name: file.name });
    try {
      const answer = await compareFile(code, file, controller.signal);
      setState({ kind: 'done', name: file.name, result: answer.result });
    } catch (error) {
      if (isAbort(error)) return;
      setState(refusal(file.name, error));
    }
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void check(file);
    // The same file chosen again (after changing it on disk) is checked again.
    event.target.value = '';
  };
  const dropped = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void check(file);
  };
  const over = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="compare-file">
      <h2 id={`${id}-heading`}>{t('verify.compare.heading')}</h2>
      <p>{t('verify.compare.intro')}</p>
      <div
        className={`compare-file__drop${dragging ? ' compare-file__drop--over' : ''}`}
        onDragOver={over}
        onDragEnter={over}
        onDragLeave={() => setDragging(false)}
        onDrop={dropped}
      >
        {/* The browser's own file button speaks the browser's language: hidden, the label is the button. */}
        <input
          id={`${id}-file`}
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby={`${id}-hint`}
          onChange={chosen}
          className="compare-file__input visually-hidden"
        />
        <label htmlFor={`${id}-file`} className="button button--secondary compare-file__label">
          {t('verify.compare.label')}
        </label>
        <p id={`${id}-hint`} className="compare-file__hint">
          {t('verify.compare.hint')}
        </p>
      </div>
      <div role="status" aria-live="polite" className="compare-file__status">
        <Outcome state={state} />
      </div>
    </section>
  );
}

function refusal(name: string, error: unknown): State {
  if (error instanceof ApiProblem && error.status === 415) return { kind: 'refused', name, message: 'verify.compare.notPdf' };
  if (error instanceof ApiProblem && error.status === 413) return { kind: 'refused', name, message: 'verify.compare.tooLarge' };
  return { kind: 'failed', name, error };
}

const RESULT_TEXT = {
  identical: 'verify.compare.identical',
  different: 'verify.compare.different',
  erased: 'verify.compare.erased',
} as const satisfies Record<DocumentComparison['result'], MessageKey>;

function Outcome({ state }: { state: State }) {
  const { t } = useI18n();
  if (state.kind === 'idle') return null;
  const file = <p className="compare-file__name">{t('verify.compare.file', { name: state.name })}</p>;
  if (state.kind === 'busy') return <p>{t('verify.compare.busy', { name: state.name })}</p>;
  if (state.kind === 'failed') return <ProblemAlert error={state.error} />;
  const [modifier, text] = state.kind === 'done' ? [state.result, RESULT_TEXT[state.result]] : ['refused', state.message];
  return (
    <div className={`compare-file__outcome compare-file__outcome--${modifier}`}>
      <p className="compare-file__verdict">{t(text)}</p>
      {file}
    </div>
  );
}
