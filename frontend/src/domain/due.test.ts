import { dueState } from './due';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('dueState', () => {
  it('is overdue once the moment has passed', () => {
    expect(dueState('2026-03-10T11:59:59Z', now)).toBe('overdue');
  });
  it('is soon within two days', () => {
    expect(dueState('2026-03-10T12:00:00Z', now)).toBe('soon');
    expect(dueState('2026-03-12T12:00:00Z', now)).toBe('soon');
  });
  it('is later beyond two days, or for a date it cannot read', () => {
    expect(dueState('2026-03-12T12:00:01Z', now)).toBe('later');
    expect(dueState('morgen', now)).toBe('later');
  });
});
