import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { BusyStatus } from './BusyStatus';

describe('BusyStatus', () => {
  it('is in the page before it speaks, and says to wait while busy', () => {
    const { rerender } = render(
      <I18nProvider>
        <BusyStatus busy={false} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
    rerender(
      <I18nProvider>
        <BusyStatus busy />
      </I18nProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Even geduld…');
  });
});
