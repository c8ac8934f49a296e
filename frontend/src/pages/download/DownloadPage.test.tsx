import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { health, jan } from '../../test/fixtures';
import { mockApi, problemResponse, signInAs } from '../../test/http';
import { renderApp } from '../../test/renderApp';

const info = {
  title: 'Uittreksel uit het strafregister (model 595)',
  fileName: 'strafregister-595-PA-2026-000003.pdf',
  reference: 'PA-2026-000003',
  requiresSignIn: true,
  expiresAt: '2026-06-04T09:15:00Z',
  fileUrl: '/api/v1/downloads/tok/file',
};

describe('DownloadPage', () => {
  it('says clearly that a link older than 3 months expired, and how to get the document again', async () => {
    mockApi({ 'GET /api/health': health, 'GET /api/v1/downloads/old-token': () => problemResponse(410, 'link_expired') });
    renderApp('/download/old-token');

    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link is verlopen' })).toBeInTheDocument();
    expect(screen.getByText(/Een downloadlink werkt 3 maanden/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mijn aanvragen' })).toHaveAttribute('href', '/mijn-aanvragen');
    expect(screen.getByRole('link', { name: 'de lijst met documenten' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: /downloaden/ })).not.toBeInTheDocument();
  });

  it('says when a link is unknown', async () => {
    mockApi({ 'GET /api/health': health });
    renderApp('/download/typo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Deze link kennen we niet' })).toBeInTheDocument();
  });

  it('asks to sign in first when the document needs it, and comes back here', async () => {
    mockApi({ 'GET /api/health': health, 'GET /api/v1/downloads/tok': info });
    renderApp('/download/tok');

    expect(await screen.findByText('Meld je eerst aan')).toBeInTheDocument();
    const main = screen.getByRole('main');
    expect(main.querySelector('a.button')).toHaveAttribute('href', '/aanmelden?next=%2Fdownload%2Ftok');
    expect(screen.queryByRole('button', { name: /downloaden/ })).not.toBeInTheDocument();
  });

  it('offers the download to the signed-in person, and explains a refusal', async () => {
    signInAs(jan);
    mockApi({
      'GET /api/health': health,
      'GET /api/v1/me': jan,
      'GET /api/v1/downloads/tok': info,
      'GET /api/v1/downloads/tok/file': () => problemResponse(403, 'forbidden'),
    });
    renderApp('/download/tok');

    await userEvent.click(await screen.findByRole('button', { name: 'strafregister-595-PA-2026-000003.pdf downloaden' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dit document is voor iemand anders.');
    expect(screen.getByText('Deze link werkt tot 4 juni 2026.')).toBeInTheDocument();
  });
});
