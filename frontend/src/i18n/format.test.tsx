import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Health } from '../api/types';
import { HealthContext } from '../hooks/useHealth';
import type { Resource } from '../hooks/useResource';
import { health } from '../test/fixtures';
import { useFormat, useTimeZone } from './format';
import { I18nProvider } from './i18n';

function formatIn(resource: Resource<Health>) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider>
      <HealthContext.Provider value={resource}>{children}</HealthContext.Provider>
    </I18nProvider>
  );
  return renderHook(() => ({ format: useFormat(), zone: useTimeZone() }), { wrapper }).result.current;
}

// 00:30 on 5 March 2026 in Brussels; in UTC still 4 March.
const HALF_PAST_MIDNIGHT = '2026-03-04T23:30:00Z';

describe('useFormat', () => {
  beforeEach(() => localStorage.setItem('loket.lang', 'nl'));

  it("shows moments in the municipality's zone, whatever the browser's", () => {
    const { format, zone } = formatIn({ status: 'ok', data: health });
    expect(zone).toBe('Europe/Brussels');
    expect(format.date(HALF_PAST_MIDNIGHT)).toBe('5 maart 2026');
    expect(format.dateTime(HALF_PAST_MIDNIGHT)).toMatch(/^5 maart 2026.*00:30$/);
    // Summer time: 22:30 UTC is half past midnight the next day.
    expect(format.dateTime('2026-07-14T22:30:00Z')).toMatch(/^15 juli 2026.*00:30$/);
  });

  it('keeps a bare date on its day', () => {
    const { format } = formatIn({ status: 'ok', data: health });
    expect(format.date('1985-07-30')).toBe('30 juli 1985');
  });

  it('follows the zone the API gives, and Brussels until it has answered', () => {
    const utc = formatIn({ status: 'ok', data: { ...health, timeZone: 'UTC' } });
    expect(utc.zone).toBe('UTC');
    expect(utc.format.dateTime(HALF_PAST_MIDNIGHT)).toMatch(/^4 maart 2026.*23:30$/);
    const loading = formatIn({ status: 'loading' });
    expect(loading.zone).toBe('Europe/Brussels');
    expect(loading.format.date(HALF_PAST_MIDNIGHT)).toBe('5 maart 2026');
    const unknown = formatIn({ status: 'ok', data: { ...health, timeZone: 'Mars/Olympus' } });
    expect(unknown.zone).toBe('Europe/Brussels');
  });
});
