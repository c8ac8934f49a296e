import { render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { DocumentList } from './DocumentList';

describe('DocumentList', () => {
  it('lists each document with its code and a download button', () => {
    render(
      <I18nProvider>
        <DocumentList
          documents={[
            {
              id: 1,
              kind: 'document',
              title: 'Bewijs van woonst',
              fileName: 'b.pdf',
              issuedAt: '2026-03-04T09:15:00Z',
              validUntil: null,
              verificationCode: 'KGDG-HUQ2-D8PC-78WP',
              downloadUrl: '/d/1',
            },
            {
              id: 2,
              kind: 'letter',
              title: 'Begeleidende brief',
              fileName: 'brief.pdf',
              issuedAt: '2026-03-04T09:15:00Z',
              validUntil: null,
              verificationCode: null,
              downloadUrl: '/d/2',
            },
          ]}
        />
      </I18nProvider>,
    );
    const [document, letter] = screen.getAllByRole('listitem');
    expect(document).toHaveTextContent('verificatiecode KGDG-HUQ2-D8PC-78WP');
    expect(within(letter!).getByRole('button', { name: 'Begeleidende brief downloaden' })).toBeInTheDocument();
  });

  it('says when there are none', () => {
    render(
      <I18nProvider>
        <DocumentList documents={[]} />
      </I18nProvider>,
    );
    expect(screen.getByText('Er zijn nog geen documenten voor deze aanvraag.')).toBeInTheDocument();
  });
});
