import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../../i18n/i18n';
import { ErrorSummary } from './ErrorSummary';

describe('ErrorSummary', () => {
  it('takes focus after a failed submit and links to each field', async () => {
    const { rerender } = render(
      <I18nProvider>
        <input id="naam" aria-label="Naam" />
        <ErrorSummary errors={[]} attempt={0} />
      </I18nProvider>,
    );
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();

    rerender(
      <I18nProvider>
        <input id="naam" aria-label="Naam" />
        <ErrorSummary errors={[{ id: 'naam', label: 'Naam', message: 'Vul je naam in.' }]} attempt={1} />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Kijk deze gegevens na' }).parentElement).toHaveFocus();
    await userEvent.click(screen.getByRole('link', { name: 'Naam: Vul je naam in.' }));
    expect(screen.getByRole('textbox', { name: 'Naam' })).toHaveFocus();
  });
});
