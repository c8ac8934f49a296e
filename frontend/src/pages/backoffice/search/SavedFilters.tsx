import { useState } from 'react';
import { api, expectOk, unwrap } from '../../../api/client';
import { problemMessage } from '../../../api/problemMessage';
import type { SavedFilter } from '../../../api/types';
import { Dialog } from '../../../components/Dialog/Dialog';
import { Notice, type NoticeText } from '../../../components/Notice/Notice';
import { Loaded } from '../../../components/Status/Loaded';
import { useResource } from '../../../hooks/useResource';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { criteriaFromFilter, sameCriteria, toSearchParams, type Criteria } from './criteria';
import { FilterDialog, type FilterDialogMode } from './FilterDialog';
import { filterActions, groupFilters } from './filters';

interface Props {
  criteria: Criteria;
  onApply: (criteria: Criteria) => void;
}

/** The filters beside the search: the system's, your own and colleagues' shared ones. */
export function SavedFilters({ criteria, onApply }: Props) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const filters = useResource((signal) => unwrap(api.GET('/api/v1/search/filters', { signal })), [round]);
  const [dialog, setDialog] = useState<FilterDialogMode>();
  const [removing, setRemoving] = useState<SavedFilter>();
  const [notice, setNotice] = useState<NoticeText>();

  const remove = async (filter: SavedFilter) => {
    setRemoving(undefined);
    try {
      await expectOk(api.DELETE('/api/v1/search/filters/{id}', { params: { path: { id: filter.id } } }));
      setNotice({ kind: 'success', text: t('filters.deleted', { name: filter.name }) });
    } catch (error) {
      setNotice({ kind: 'error', text: problemMessage(t, error) });
    }
    setRound((n) => n + 1);
  };

  const section = (key: MessageKey, items: SavedFilter[], empty?: MessageKey) => (
    <div className="saved-filters__group">
      <h3>{t(key)}</h3>
      {items.length === 0 ? (
        empty && <p className="muted">{t(empty)}</p>
      ) : (
        <ul className="saved-filters__list">
          {items.map((filter) => {
            const can = filterActions(filter);
            const active = sameCriteria(criteriaFromFilter(filter.criteria), criteria);
            const hidden = (
              <>
                {' '}
                <span className="visually-hidden">{t('filters.theFilter', { name: filter.name })}</span>
              </>
            );
            return (
              <li key={filter.id} className="saved-filters__item">
                <button
                  type="button"
                  className="button-link saved-filters__apply"
                  aria-current={active || undefined}
                  onClick={() => onApply(criteriaFromFilter(filter.criteria))}
                >
                  {filter.name}
                </button>
                {active && <span className="visually-hidden">({t('filters.active')})</span>}
                {!filter.system && (
                  <p className="muted saved-filters__meta">
                    {filter.editable
                      ? t(filter.shared ? 'filters.mineShared' : 'filters.minePrivate')
                      : t('filters.sharedBy', { name: filter.ownerName ?? '' })}
                  </p>
                )}
                <div className="saved-filters__actions">
                  {can.edit && (
                    <button type="button" className="button-link" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'edit', filter })}>
                      {t('filters.edit')}
                      {hidden}
                    </button>
                  )}
                  {can.remove && (
                    <button type="button" className="button-link" aria-haspopup="dialog" onClick={() => setRemoving(filter)}>
                      {t('filters.delete')}
                      {hidden}
                    </button>
                  )}
                  {can.copy && (
                    <button type="button" className="button-link" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'copy', filter })}>
                      {t('filters.copy')}
                      {hidden}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );

  return (
    <aside className="saved-filters" aria-labelledby="saved-filters-heading">
      <h2 id="saved-filters-heading">{t('filters.heading')}</h2>
      <Notice notice={notice} />
      <button type="button" className="button button--small" aria-haspopup="dialog" onClick={() => setDialog({ kind: 'save' })}>
        {t('filters.saveButton')}
      </button>
      <Loaded resource={filters}>
        {(data) => {
          const groups = groupFilters(data.items);
          return (
            <>
              {section('filters.system', groups.system)}
              {section('filters.mine', groups.mine, 'filters.noneMine')}
              {section('filters.shared', groups.shared, 'filters.noneShared')}
            </>
          );
        }}
      </Loaded>
      {dialog && (
        <FilterDialog
          mode={dialog}
          current={toSearchParams(criteria)}
          onClose={() => setDialog(undefined)}
          onSaved={(saved) => {
            setDialog(undefined);
            setNotice({ kind: 'success', text: t(dialog.kind === 'edit' ? 'filters.changed' : 'filters.saved', { name: saved.name }) });
            setRound((n) => n + 1);
          }}
        />
      )}
      {removing && (
        <Dialog title={t('filters.deleteTitle', { name: removing.name })} onClose={() => setRemoving(undefined)}>
          <p>{t('filters.deleteText')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => remove(removing)}>
              {t('filters.delete')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRemoving(undefined)}>
              {t('dialog.back')}
            </button>
          </div>
        </Dialog>
      )}
    </aside>
  );
}
