/** How close a deadline is: past it, within two days of it, or further away. */
export type DueState = 'overdue' | 'soon' | 'later';

const SOON_MS = 2 * 24 * 60 * 60 * 1000;

export function dueState(dueAt: string, now: number): DueState {
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return 'later';
  if (due < now) return 'overdue';
  if (due - now <= SOON_MS) return 'soon';
  return 'later';
}
