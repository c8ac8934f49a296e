import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { DueBadge } from './DueBadge';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('DueBadge', () => {
  it('says "Te laat" or "Bijna" in words, and nothing for a date further away', () => {
    const { rerender } = render(
      <I18nProvider>
        <DueBadge dueAt="2026-03-09T12:00:00Z" now={now} />
      </I18nProvider>,
    );
    expect(screen.getByText('Te laat')).toHaveClass('due-badge--overdue');
    rerender(
      <I18nProvider>
        <DueBadge dueAt="2026-03-11T12:00:00Z" now={now} />
      </I18nProvider>,
    );
    expect(screen.getByText('Bijna')).toHaveClass('due-badge--soon');
    rerender(
      <I18nProvider>
        <DueBadge dueAt="2026-03-20T12:00:00Z" now={now} />
      </I18nProvider>,
    );
    expect(screen.queryByText(/Te laat|Bijna/)).not.toBeInTheDocument();
  });
});
