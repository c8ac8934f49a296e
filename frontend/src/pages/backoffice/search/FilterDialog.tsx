import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { SavedFilter, SearchParams } from '../../../api/types';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { Field } from '../../../components/Field/Field';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
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

  const save = () => {
    if (mode.kind === 'edit') {
      const criteria = useCurrent ? current : mode.filter.criteria;
      return unwrap(api.PUT('/api/v1/search/filters/{id}', { params: { path: { id: mode.filter.id } }, body: { name, criteria, shared } }));
    }
    const criteria = mode.kind === 'copy' ? mode.filter.criteria : current;
    return unwrap(api.POST('/api/v1/search/filters', { body: { name, criteria, shared } }));
  };

  return (
    <FormDialog
      title={
        mode.kind === 'save'
          ? t('filters.saveTitle')
          : t(mode.kind === 'edit' ? 'filters.editTitle' : 'filters.copyTitle', { name: mode.filter.name })
      }
      intro={mode.kind !== 'edit' && <p>{t(mode.kind === 'save' ? 'filters.saveIntro' : 'filters.copyIntro')}</p>}
      submitLabel={t(mode.kind === 'edit' ? 'filters.saveChanges' : mode.kind === 'copy' ? 'filters.copy' : 'filters.save')}
      fields={{ name: { id: 'filter-name', label: t('filters.name') } }}
      validate={() => (name.trim() ? {} : { name: 'required' })}
      onSubmit={async () => onSaved(await save())}
      onClose={onClose}
    >
      {(error) => (
        <>
          <Field
            id="filter-name"
            label={t('filters.name')}
            autoComplete="off"
            maxLength={100}
            value={name}
            error={error('name')}
            onChange={(event) => setName(event.target.value)}
          />
          <CheckboxField
            label={t('filters.share')}
            hint={t('filters.shareHint')}
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
          />
          {mode.kind === 'edit' && (
            <CheckboxField label={t('filters.useCurrent')} checked={useCurrent} onChange={(event) => setUseCurrent(event.target.checked)} />
          )}
        </>
      )}
    </FormDialog>
  );
}
