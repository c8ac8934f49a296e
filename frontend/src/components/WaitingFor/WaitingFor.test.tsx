import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { automaticRequest, manualRequest } from '../../test/fixtures';
import { WaitingFor } from './WaitingFor';

const waiting = { ...manualRequest, processing: 'automatic' as const, manualReasons: [], waitingFor: 'dabs' as const };

describe('WaitingFor', () => {
  it('tells the requester which system their request waits for, and that they need not act', () => {
    render(
      <I18nProvider>
        <WaitingFor request={waiting} audience="citizen" />
      </I18nProvider>,
    );
    const note = screen.getByRole('note', { name: 'Je aanvraag wacht op een externe dienst' });
    expect(note).toHaveTextContent('de databank akten burgerlijke stand (DABS)');
    expect(note).toHaveTextContent('Je hoeft niets te doen.');
  });

  it('tells staff that Loket decides once the system answers', () => {
    render(
      <I18nProvider>
        <WaitingFor request={{ ...waiting, waitingFor: 'national_register' }} audience="staff" />
      </I18nProvider>,
    );
    expect(screen.getByRole('note', { name: 'De beslissing wacht op een externe dienst' })).toHaveTextContent(
      'Bij de indiening antwoordde het Rijksregister niet.',
    );
  });

  it('says nothing about a request that waits for nothing', () => {
    const { container } = render(
      <I18nProvider>
        <WaitingFor request={automaticRequest} audience="citizen" />
      </I18nProvider>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
