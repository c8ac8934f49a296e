import { useState } from 'react';

export interface CursorPages<C> {
  /** The cursor of the page shown; undefined on the first. */
  cursor: C | undefined;
  /** 1 for the first page. */
  page: number;
  previous: () => void;
  next: (cursor: C) => void;
}

/** Keyset paging: a stack of cursors that "Vorige" pops; another `key` (a new search) starts over. */
export function useCursorPages<C>(key = ''): CursorPages<C> {
  const [paging, setPaging] = useState<{ key: string; cursors: (C | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = paging.key === key ? paging.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    previous: () => setPaging({ key, cursors: cursors.slice(0, -1) }),
    next: (cursor) => setPaging({ key, cursors: [...cursors, cursor] }),
  };
}
