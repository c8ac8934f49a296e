import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider } from '../../i18n/i18n';
import { sessionStore } from '../../session/store';
import { jan, sessionFor } from '../../test/fixtures';
import { mockApi, problemResponse } from '../../test/http';
import { DownloadButton } from './DownloadButton';

function renderButton() {
  return render(
    <I18nProvider>
      <DownloadButton url="/api/v1/requests/PA-2026-000001/documents/1" fileName="bewijs-van-woonst.pdf" label="Download je document" />
    </I18nProvider>,
  );
}

describe('DownloadButton', () => {
  it('fetches the file with the session cookie, no token of its own, and saves it under its name', async () => {
    await sessionStore.load(() => Promise.resolve(sessionFor(jan)));
    const seen: (string | null)[] = [];
    mockApi({
      'GET /api/v1/requests/PA-2026-000001/documents/1': (request) => {
        expect(request.credentials).toBe('same-origin');
        seen.push(request.headers.get('Authorization'));
        return new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } });
      },
    });
    // jsdom has no object URLs.
    const createObjectURL = vi.fn<(blob: Blob) => string>(() => 'blob:pdf');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderButton();

    await userEvent.click(screen.getByRole('button', { name: 'Download je document' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(seen).toEqual([null]);
    expect(clicked[0]?.download).toBe('bewijs-van-woonst.pdf');
    expect(clicked[0]?.href).toBe('blob:pdf');
    expect(createObjectURL.mock.calls[0]?.[0].type).toBe('application/pdf');
  });

  it('says what went wrong', async () => {
    mockApi({ 'GET /api/v1/requests/PA-2026-000001/documents/1': () => problemResponse(403, 'forbidden') });
    renderButton();
    await userEvent.click(screen.getByRole('button', { name: 'Download je document' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Je hebt geen toegang tot deze gegevens.');
  });

  it('forgets who was signed in when the API says the session has expired', async () => {
    await sessionStore.load(() => Promise.resolve(sessionFor(jan)));
    mockApi({ 'GET /api/v1/requests/PA-2026-000001/documents/1': () => problemResponse(401, 'session_expired') });
    renderButton();
    await userEvent.click(screen.getByRole('button', { name: 'Download je document' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Je sessie is verlopen. Meld je opnieuw aan.');
    expect(sessionStore.get()).toBeNull();
    expect(sessionStore.state().ended).toBe('session_expired');
  });
});
