import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { health } from '../../test/fixtures';
import { calls, mockApi, problemResponse } from '../../test/http';
import { renderApp } from '../../test/renderApp';
import { normalizeVerificationCode } from './verificationCode';

const verification = {
  code: 'KGDG-HUQ2-D8PC-78WP',
  documentTitle: 'Bewijs van woonst',
  issuedTo: 'Jan P.',
  issuedAt: '2026-03-04T09:15:00Z',
  validUntil: '2026-06-04T09:15:00Z',
  status: 'valid',
  issuer: 'Gemeente Voorbeeldegem',
};

function mockVerifyApi() {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/verify/KGDG-HUQ2-D8PC-78WP': verification,
    'GET /api/v1/verify/AAAA-BBBB-CCCC-DDDD': () => problemResponse(404, 'unknown_verification_code'),
  });
}

describe('VerifyPage', () => {
  it('accepts a sloppily typed code and shows a genuine document', async () => {
    const fetch = mockVerifyApi();
    const { router } = renderApp('/verifieer');

    await userEvent.type(await screen.findByRole('textbox', { name: 'Verificatiecode' }), ' kgdg huq2.d8pc78wp ');
    await userEvent.click(screen.getByRole('button', { name: 'Nagaan' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Echt document' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/verifieer/KGDG-HUQ2-D8PC-78WP');
    expect(screen.getByText('De gemeente heeft dit document uitgereikt en het is geldig.')).toBeInTheDocument();
    expect(screen.getByText('Bewijs van woonst')).toBeInTheDocument();
    expect(screen.getByText('Jan P.')).toBeInTheDocument();
    expect(screen.getByText('4 maart 2026')).toBeInTheDocument();
    expect(screen.getByText('4 juni 2026')).toBeInTheDocument();
    expect(screen.getByText('Geldig')).toBeInTheDocument();
    expect(calls(fetch)).toContain('GET /api/v1/verify/KGDG-HUQ2-D8PC-78WP');
    // Never the document itself.
    expect(screen.queryByRole('button', { name: /downloaden/ })).not.toBeInTheDocument();
  });

  it('says plainly when a code is unknown', async () => {
    mockVerifyApi();
    renderApp('/verifieer/AAAA-BBBB-CCCC-DDDD');

    expect(await screen.findByRole('heading', { level: 2, name: 'Code niet gekend' })).toBeInTheDocument();
    expect(screen.getByText('Deze code is niet gekend: het document is niet echt of de code is verkeerd overgetypt.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Verificatiecode' })).toHaveValue('AAAA-BBBB-CCCC-DDDD');
    expect(screen.queryByText('Echt document')).not.toBeInTheDocument();
  });

  it('asks for a code before looking it up', async () => {
    const fetch = mockVerifyApi();
    renderApp('/verifieer');
    await userEvent.click(await screen.findByRole('button', { name: 'Nagaan' }));
    expect(screen.getByRole('textbox', { name: 'Verificatiecode' })).toHaveAccessibleDescription(
      expect.stringContaining('Vul de verificatiecode van het document in.'),
    );
    expect(calls(fetch).filter((call) => call.includes('/verify/'))).toEqual([]);
  });
});

describe('normalizeVerificationCode', () => {
  it('groups letters and digits by four', () => {
    expect(normalizeVerificationCode('kgdghuq2d8pc78wp')).toBe('KGDG-HUQ2-D8PC-78WP');
    expect(normalizeVerificationCode(' KGDG – HUQ2 D8PC.78WP')).toBe('KGDG-HUQ2-D8PC-78WP');
    expect(normalizeVerificationCode('abc')).toBe('ABC');
  });
});
