import type { SavedFilter } from '../../../api/types';

export interface FilterGroups {
  /** Predefined ("Papieren en attesten"): nobody edits them. */
  system: SavedFilter[];
  /** Your own, shared or not. */
  mine: SavedFilter[];
  /** What colleagues share with you. */
  shared: SavedFilter[];
}

export function groupFilters(items: readonly SavedFilter[]): FilterGroups {
  const groups: FilterGroups = { system: [], mine: [], shared: [] };
  for (const filter of items) {
    if (filter.system) groups.system.push(filter);
    else if (filter.editable) groups.mine.push(filter);
    else groups.shared.push(filter);
  }
  const byName = (a: SavedFilter, b: SavedFilter) => a.name.localeCompare(b.name, 'nl');
  groups.mine.sort(byName);
  groups.shared.sort(byName);
  return groups;
}

/** What you may do with a filter: change or delete your own; copy anyone else's. */
export function filterActions(filter: SavedFilter): { edit: boolean; remove: boolean; copy: boolean } {
  return { edit: filter.editable, remove: filter.editable, copy: !filter.editable };
}
