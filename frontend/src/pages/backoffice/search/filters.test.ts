import type { SavedFilter } from '../../../api/types';
import { filterActions, groupFilters } from './filters';

const filter = (id: number, name: string, changes: Partial<SavedFilter>): SavedFilter => ({
  id,
  name,
  criteria: { status: 'in_progress' },
  shared: false,
  system: false,
  ownerName: 'An De Smet',
  editable: true,
  ...changes,
});

const system = filter(1, 'Papieren en attesten', {
  system: true,
  shared: true,
  ownerName: null,
  editable: false,
  criteria: { module: 'papieren-en-attesten' },
});
const mine = filter(2, 'Mijn open aanvragen', {});
const mineShared = filter(3, 'Alle 596.2', { shared: true });
const colleagues = filter(4, 'Te laat', { shared: true, editable: false, ownerName: 'Pieter Claes' });

describe('saved filters', () => {
  it('are grouped: the system filter, mine (shared or not), and what colleagues share', () => {
    const groups = groupFilters([colleagues, mine, system, mineShared]);
    expect(groups.system.map((f) => f.name)).toEqual(['Papieren en attesten']);
    expect(groups.mine.map((f) => f.name)).toEqual(['Alle 596.2', 'Mijn open aanvragen']);
    expect(groups.shared.map((f) => f.name)).toEqual(['Te laat']);
  });

  it('can be changed and deleted only when editable; others can be copied', () => {
    expect(filterActions(mine)).toEqual({ edit: true, remove: true, copy: false });
    expect(filterActions(mineShared)).toEqual({ edit: true, remove: true, copy: false });
    expect(filterActions(colleagues)).toEqual({ edit: false, remove: false, copy: true });
    expect(filterActions(system)).toEqual({ edit: false, remove: false, copy: true });
  });
});
