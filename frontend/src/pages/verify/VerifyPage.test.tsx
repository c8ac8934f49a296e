import { fireEvent, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { health } from '../../test/fixtures';
import { calls, jsonResponse, mockApi, problemResponse } from '../../test/http';
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

const ISSUED = '%PDF-1.7 het uitgereikte document';

/** The API's comparison: identical only for the issued bytes; not a PDF is refused. */
async function compareAnswer(request: Request) {
  const text = await request.text();
  if (request.headers.get('Content-Type') !== 'application/pdf' || !text.startsWith('%PDF-')) {
    return problemResponse(415, 'unsupported_media_type');
  }
  return jsonResponse({
    code: verification.code,
    documentTitle: verification.documentTitle,
    status: 'valid',
    result: text === ISSUED ? 'identical' : 'different',
  });
}

function pdf(content: string, name = 'bewijs-van-woonst.pdf') {
  return new File([content], name, { type: 'application/pdf' });
}

function mockVerifyApi() {
  return mockApi({
    'GET /api/health': health,
    'GET /api/v1/verify/KGDG-HUQ2-D8PC-78WP': verification,
    'POST /api/v1/verify/KGDG-HUQ2-D8PC-78WP/document': compareAnswer,
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
    await waitFor(() => expect(router.state.location.pathname).toBe('/verifieer/KGDG-HUQ2-D8PC-78WP'));
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

describe('VerifyPage: the PDF file itself', () => {
  it('says the issued file is exactly the document, and a changed one is not', async () => {
    const fetch = mockVerifyApi();
    renderApp('/verifieer/KGDG-HUQ2-D8PC-78WP');
    const input = await screen.findByLabelText('Kies het PDF-bestand');
    expect(screen.getByRole('heading', { level: 2, name: 'Controleer het PDF-bestand' })).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription('Of sleep het bestand naar dit vak. Hoogstens 10 MB.');

    await userEvent.upload(input, pdf(ISSUED));
    const status = screen.getByRole('status');
    expect(await within(status).findByText('Dit is exact het document dat de gemeente uitreikte.')).toBeInTheDocument();
    expect(within(status).getByText('Nagegaan bestand: bewijs-van-woonst.pdf')).toBeInTheDocument();
    expect(calls(fetch)).toContain('POST /api/v1/verify/KGDG-HUQ2-D8PC-78WP/document');

    await userEvent.upload(input, pdf(`${ISSUED} met een wijziging`, 'gewijzigd.pdf'));
    expect(
      await within(status).findByText('Dit bestand is niet het uitgereikte document (het werd gewijzigd of is een ander document).'),
    ).toBeInTheDocument();
    expect(within(status).getByText('Nagegaan bestand: gewijzigd.pdf')).toBeInTheDocument();
    expect(within(status).queryByText('Dit is exact het document dat de gemeente uitreikte.')).not.toBeInTheDocument();
  });

  it('takes a file dropped on the box', async () => {
    mockVerifyApi();
    renderApp('/verifieer/KGDG-HUQ2-D8PC-78WP');
    const input = await screen.findByLabelText('Kies het PDF-bestand');
    fireEvent.drop(input.parentElement!, { dataTransfer: { files: [pdf(ISSUED)] } });
    expect(await within(screen.getByRole('status')).findByText('Dit is exact het document dat de gemeente uitreikte.')).toBeInTheDocument();
  });

  it('says when a file is no PDF, and when the document can no longer be compared', async () => {
    mockVerifyApi();
    renderApp('/verifieer/KGDG-HUQ2-D8PC-78WP');
    const input = await screen.findByLabelText('Kies het PDF-bestand');
    await userEvent.upload(input, pdf('Dit is een tekst', 'brief.pdf'));
    expect(
      await within(screen.getByRole('status')).findByText('Dit bestand is geen PDF-bestand. Kies het PDF-bestand van het document.'),
    ).toBeInTheDocument();

    mockApi({
      'GET /api/health': health,
      'GET /api/v1/verify/KGDG-HUQ2-D8PC-78WP': { ...verification, status: 'expired' },
      'POST /api/v1/verify/KGDG-HUQ2-D8PC-78WP/document': {
        code: verification.code,
        documentTitle: 'Bewijs van woonst',
        status: 'expired',
        result: 'erased',
      },
    });
    await userEvent.upload(input, pdf(ISSUED));
    expect(await within(screen.getByRole('status')).findByText(/kan niet meer vergeleken worden/)).toBeInTheDocument();
  });

  it('offers no file check for an unknown code', async () => {
    mockVerifyApi();
    renderApp('/verifieer/AAAA-BBBB-CCCC-DDDD');
    expect(await screen.findByRole('heading', { level: 2, name: 'Code niet gekend' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Kies het PDF-bestand')).not.toBeInTheDocument();
  });
});

describe('normalizeVerificationCode', () => {
  it('groups letters and digits by four', () => {
    expect(normalizeVerificationCode('kgdghuq2d8pc78wp')).toBe('KGDG-HUQ2-D8PC-78WP');
    expect(normalizeVerificationCode(' KGDG – HUQ2 D8PC.78WP')).toBe('KGDG-HUQ2-D8PC-78WP');
    expect(normalizeVerificationCode('abc')).toBe('ABC');
  });
});
