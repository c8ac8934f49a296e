import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import { ApiProblem } from '../../../api/problem';
import { fieldMessage, problemMessage } from '../../../api/problemMessage';
import type { SavedFilter, SearchParams } from '../../../api/types';
import { Alert } from '../../../components/Alert/Alert';
import { Dialog } from '../../../components/Dialog/Dialog';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { Field } from '../../../components/Field/Field';
import { useI18n } from '../../../i18n/i18n';

export type FilterDialogMode = { kind: 'save' } | { kind: 'edit'; filter: SavedFilter } | { kind: 'copy'; filter: SavedFilter };

interface Props {
  mode: FilterDialogMode;
  /** The criteria of the current search. */
  current: SearchParams;
  onClose: () => void;
  onSaved: (filter: SavedFilter) => void;
}

/** Save the current search as a filter, change your own filter, or save a copy of another's. */
export function FilterDialog({ mode, current, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(() =>
    mode.kind === 'edit' ? mode.filter.name : mode.kind === 'copy' ? t('filters.copyName', { name: mode.filter.name }) : '',
  );
  const [shared, setShared] = useState(mode.kind === 'edit' ? mode.filter.shared : false);
  const [useCurrent, setUseCurrent] = useState(false);
  const [nameError, setNameError] = useState<{ code?: string; reason?: string }>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const title =
    mode.kind === 'save' ? t('filters.saveTitle') : mode.kind === 'edit' ? t('filters.editTitle', { name: mode.filter.name }) : t('filters.copyTitle', { name: mode.filter.name });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    if (!name.trim()) {
      setNameError({ code: 'required' });
      document.getElementById('filter-name')?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      let saved: SavedFilter;
      if (mode.kind === 'edit') {
        const criteria = useCurrent ? current : mode.filter.criteria;
        saved = await unwrap(api.PUT('/api/v1/search/filters/{id}', { params: { path: { id: mode.filter.id } }, body: { name, criteria, shared } }));
      } else {
        const criteria = mode.kind === 'copy' ? mode.filter.criteria : current;
        saved = await unwrap(api.POST('/api/v1/search/filters', { body: { name, criteria, shared } }));
      }
      onSaved(saved);
    } catch (error) {
      setBusy(false);
      const param = error instanceof ApiProblem ? error.invalidParams.find((p) => p.name === 'name') : undefined;
      if (param) {
        setNameError(param);
        document.getElementById('filter-name')?.focus();
      } else if (error instanceof ApiProblem && error.invalidParams[0]) {
        setMessage(fieldMessage(t, error.invalidParams[0]));
      } else {
        setMessage(problemMessage(t, error));
      }
    }
  };

  return (
    <Dialog title={title} onClose={onClose}>
      {mode.kind === 'save' && <p>{t('filters.saveIntro')}</p>}
      {mode.kind === 'copy' && <p>{t('filters.copyIntro')}</p>}
      <form noValidate onSubmit={submit}>
        {message && <Alert kind="error">{message}</Alert>}
        <Field
          id="filter-name"
          label={t('filters.name')}
          autoComplete="off"
          maxLength={100}
          value={name}
          error={nameError ? fieldMessage(t, { name: 'name', ...nameError }) : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <CheckboxField label={t('filters.share')} hint={t('filters.shareHint')} checked={shared} onChange={(event) => setShared(event.target.checked)} />
        {mode.kind === 'edit' && (
          <CheckboxField label={t('filters.useCurrent')} checked={useCurrent} onChange={(event) => setUseCurrent(event.target.checked)} />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {mode.kind === 'edit' ? t('filters.saveChanges') : mode.kind === 'copy' ? t('filters.copy') : t('filters.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('dialog.back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
