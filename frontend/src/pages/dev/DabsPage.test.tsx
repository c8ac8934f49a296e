import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Deed } from '../../api/types';
import { health } from '../../test/fixtures';
import { jsonResponse, mockApi, problemResponse } from '../../test/http';
import { renderApp } from '../../test/renderApp';

const deed: Deed = {
  reference: 'DABS-GEB-1985-004417',
  deedType: 'birth',
  nationalNumbers: ['85073003328'],
  registeredAt: '1985-07-31',
  place: 'Gent',
  details: { child: 'Jan Pieter Peeters', father: 'Marc Peeters' },
};

describe('the mock DABS page', () => {
  it('is linked in the footer, lists the deeds and adds one', async () => {
    const deeds = [deed];
    let sent: unknown;
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/catalogue': { module: { code: 'x', name: 'x', description: '' }, categories: [] },
      'GET /api/v1/dev/dabs/deeds': () => jsonResponse({ items: deeds }),
      'POST /api/v1/dev/dabs/deeds': async (request) => {
        sent = await request.json();
        const added = sent as Deed;
        if (deeds.some((d) => d.reference === added.reference)) return problemResponse(409, 'duplicate_deed');
        deeds.push(added);
        return jsonResponse(added, 201);
      },
    });
    renderApp('/');
    const footer = await screen.findByRole('navigation', { name: 'Testomgeving' });
    await userEvent.click(within(footer).getByRole('link', { name: 'Aktedatabank DABS (test)' }));

    const table = await screen.findByRole('table', { name: 'Akten in DABS' });
    expect(within(table).getByText('85.07.30-033.28')).toBeInTheDocument();
    expect(within(table).getByText('Geboorteakte')).toBeInTheDocument();
    expect(within(table).getByText('Marc Peeters')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Akte toevoegen' });
    await userEvent.click(within(form).getByRole('button', { name: 'Akte toevoegen' }));
    expect(within(form).getByRole('heading', { name: 'Kijk deze gegevens na' })).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'DABS-referentie' })).toHaveAccessibleDescription(
      expect.stringContaining('Vul de DABS-referentie in.'),
    );

    await userEvent.type(within(form).getByRole('textbox', { name: 'DABS-referentie' }), 'DABS-HUW-2010-000123');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Soort akte' }), 'Huwelijksakte');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Rijksregisternummers' }), '85.07.30-033.28, 87021412436');
    await userEvent.type(within(form).getByLabelText('Datum van de akte'), '2010-06-12');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Plaats' }), 'Gent');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Echtgeno(o)t(e) 1' }), 'Jan Peeters');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Echtgeno(o)t(e) 2' }), 'Els Janssens');
    await userEvent.click(within(form).getByRole('button', { name: 'Akte toevoegen' }));

    expect((await screen.findByText('Akte DABS-HUW-2010-000123 staat nu in DABS.', { exact: false })).closest('[role="status"]')).not.toBeNull();
    expect(sent).toEqual({
      reference: 'DABS-HUW-2010-000123',
      deedType: 'marriage',
      nationalNumbers: ['85073003328', '87021412436'],
      registeredAt: '2010-06-12',
      place: 'Gent',
      details: { spouse1: 'Jan Peeters', spouse2: 'Els Janssens' },
    });
    // The list is loaded again with the new deed.
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Akten in DABS' })).getByText('Huwelijksakte')).toBeInTheDocument());
  });
});
