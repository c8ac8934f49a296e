import { render, screen, within } from '@testing-library/react';
import type { HistoryEntry } from '../../api/types';
import { I18nProvider } from '../../i18n/i18n';
import { History } from './History';

const entries: HistoryEntry[] = [
  { at: '2026-03-04T09:15:00Z', actorRole: 'citizen', actorName: 'Jan Peeters', action: 'submitted', reason: null, details: null },
  {
    at: '2026-03-12T09:00:00Z',
    actorRole: 'staff',
    actorName: 'An De Smet',
    action: 'advice_given',
    reason: 'Geen bezwaar.',
    details: { kind: 'advice_given', advice: 'favourable', onBehalfOfPolice: true, afterDeadline: false },
  },
  {
    at: '2026-03-13T08:00:00Z',
    actorRole: 'police',
    actorName: 'Politiezone Voorbeeldegem',
    action: 'advice_given',
    reason: null,
    details: { kind: 'advice_given', advice: 'unfavourable', onBehalfOfPolice: false, afterDeadline: true },
  },
  {
    at: '2026-03-12T10:00:00Z',
    actorRole: 'staff',
    actorName: 'An De Smet',
    action: 'delivered',
    reason: null,
    details: { kind: 'delivered', method: 'post', recipient: { name: 'Mohamed El Amrani', address: ['Molenweg 3 bus 2', '9999 Voorbeeldegem'] } },
  },
  {
    at: '2026-03-12T10:05:00Z',
    actorRole: 'staff',
    actorName: 'An De Smet',
    action: 'delivered',
    reason: null,
    details: { kind: 'delivered', method: 'digital', madeFor: { name: 'Sarah Dubois', nationalNumber: '78090900259', identityConfirmed: true } },
  },
  {
    at: '2026-03-12T10:10:00Z',
    actorRole: 'staff',
    actorName: 'An De Smet',
    action: 'task_assigned',
    reason: null,
    details: { kind: 'task_assigned', task: 'handle_request', taskId: 3, assignee: 'Pieter Claes' },
  },
];

describe('History', () => {
  it('tells what happened, by whom, with the details that matter', () => {
    render(
      <I18nProvider>
        <h2 id="h">Geschiedenis</h2>
        <History entries={entries} labelledBy="h" audience="staff" />
      </I18nProvider>,
    );
    const items = within(screen.getByRole('list', { name: 'Geschiedenis' })).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items[1]).toHaveTextContent('Advies van de politie gegeven');
    expect(items[1]).toHaveTextContent('Advies: Gunstig');
    expect(items[1]).toHaveTextContent('Geregistreerd door An De Smet in naam van de politie');
    expect(items[1]).toHaveTextContent('Geen bezwaar.');
    expect(items[1]).not.toHaveTextContent('na de termijn');
    expect(items[2]).toHaveTextContent('De politie antwoordde na de termijn');
    expect(items[3]).toHaveTextContent('Manier: Per post');
    expect(items[3]).toHaveTextContent('Brief aan Mohamed El Amrani');
    expect(items[3]).not.toHaveTextContent('Gemaakt voor');
    expect(items[4]).toHaveTextContent('Manier: Digitaal');
    expect(items[4]).toHaveTextContent('Gemaakt voor Sarah Dubois (identiteit bevestigd door de medewerker)');
    expect(items[5]).toHaveTextContent('Toegewezen aan Pieter Claes');
  });

  it('says when nothing happened yet', () => {
    render(
      <I18nProvider>
        <History entries={[]} labelledBy="h" audience="citizen" />
      </I18nProvider>,
    );
    expect(screen.getByText('Er is nog niets gebeurd.')).toBeInTheDocument();
  });
});
