import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nProvider } from '../../i18n/i18n';
import { Dialog } from './Dialog';

function Probe() {
  const [open, setOpen] = useState(false);
  return (
    <I18nProvider>
      <button type="button" onClick={() => setOpen(true)}>
        Openen
      </button>
      {open && (
        <Dialog title="Aanvraag weigeren" onClose={() => setOpen(false)}>
          <p>Inhoud</p>
        </Dialog>
      )}
    </I18nProvider>
  );
}

describe('Dialog', () => {
  it('is a named dialog that starts at its title and gives focus back when closed', async () => {
    render(<Probe />);
    const opener = screen.getByRole('button', { name: 'Openen' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Aanvraag weigeren' });
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('heading', { name: 'Aanvraag weigeren' })).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes on Escape', async () => {
    render(<Probe />);
    await userEvent.click(screen.getByRole('button', { name: 'Openen' }));
    screen.getByRole('dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(await screen.findByRole('button', { name: 'Openen' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
