import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem';
import { I18nProvider } from '../../i18n/i18n';
import { Field } from '../Field/Field';
import { FormDialog } from './FormDialog';
import type { Outcome } from './outcome';

type Send = (body: { label: string; note: string }) => Promise<Outcome | void>;

/** A dialog with two fields, `label` (required here) and `note`, that sends through `send`. */
function Probe({ send }: { send: Send }) {
  const [label, setLabel] = useState('');
  const [note, setNote] = useState('');
  return (
    <FormDialog
      title="Filter opslaan"
      submitLabel="Opslaan"
      fields={{ label: { id: 'probe-label', label: 'Naam' }, note: { id: 'probe-note', label: 'Reden' } }}
      validate={() => (label ? {} : { label: 'required' })}
      onSubmit={() => send({ label, note })}
      onClose={() => undefined}
    >
      {(error) => (
        <>
          <Field id="probe-label" label="Naam" value={label} error={error('label')} onChange={(event) => setLabel(event.target.value)} />
          <Field id="probe-note" label="Reden" value={note} error={error('note')} onChange={(event) => setNote(event.target.value)} />
        </>
      )}
    </FormDialog>
  );
}

function renderProbe(send: Send) {
  render(
    <I18nProvider>
      <Probe send={send} />
    </I18nProvider>,
  );
  const dialog = screen.getByRole('dialog', { name: 'Filter opslaan' });
  return {
    dialog,
    name: within(dialog).getByRole('textbox', { name: 'Naam' }),
    reason: within(dialog).getByRole('textbox', { name: 'Reden' }),
    submit: () => userEvent.click(within(dialog).getByRole('button', { name: 'Opslaan' })),
  };
}

const problem = (status: number, code: string, invalidParams?: { name: string; code: string; reason: string }[]) =>
  new ApiProblem({ status, code, detail: `Problem ${code}.`, invalidParams }, status);

describe('a form dialog', () => {
  it('checks its fields before sending, and puts focus on the one field in error', async () => {
    const send = vi.fn<Send>();
    const { dialog, name, submit } = renderProbe(send);
    await submit();
    expect(send).not.toHaveBeenCalled();
    expect(name).toHaveAccessibleDescription('Vul dit veld in.');
    expect(name).toHaveFocus();
    expect(within(dialog).getByRole('link', { name: 'Naam: Vul dit veld in.' })).toBeInTheDocument();
  });

  it('shows the fields the API refuses beside them, and moves focus to the list when there are more', async () => {
    const send = vi.fn<Send>().mockResolvedValue({
      ok: false,
      params: [
        { name: 'label', code: 'too_long', reason: 'At most 100 characters.' },
        { name: 'note', code: 'something_new', reason: 'Say why in other words.' },
      ],
    });
    const { dialog, name, reason, submit } = renderProbe(send);
    await userEvent.type(name, 'Mijn filter');
    await userEvent.type(reason, 'x');
    await submit();
    expect(send).toHaveBeenCalledWith({ label: 'Mijn filter', note: 'x' });
    // A known code in the reader's words; an unknown one in the API's.
    expect(name).toHaveAccessibleDescription('Dit is te lang. Maak het korter.');
    expect(reason).toHaveAccessibleDescription('Say why in other words.');
    const summary = within(dialog).getByRole('heading', { name: 'Kijk deze gegevens na' }).parentElement;
    // Focus moves in an effect after the answer is rendered.
    await waitFor(() => expect(summary).toHaveFocus());
    expect(
      within(summary!)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Naam: Dit is te lang. Maak het korter.', 'Reden: Say why in other words.']);
  });

  it('turns a thrown problem into field errors or a message, and is busy while it sends', async () => {
    let fail: (error: unknown) => void = () => undefined;
    const send = vi
      .fn<Send>()
      .mockImplementationOnce(() => new Promise((_resolve, reject) => (fail = reject)))
      .mockRejectedValueOnce(problem(409, 'conflict'))
      .mockRejectedValueOnce(problem(422, 'validation_failed', [{ name: 'shared', code: 'invalid_value', reason: 'Yes or no.' }]));
    const { dialog, name, reason, submit } = renderProbe(send);
    await userEvent.type(name, 'Mijn filter');
    await submit();
    const button = within(dialog).getByRole('button', { name: 'Opslaan' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    fail(problem(422, 'validation_failed', [{ name: 'note', code: 'required', reason: 'Why?' }]));
    await waitFor(() => expect(reason).toHaveAccessibleDescription('Vul dit veld in.'));
    await waitFor(() => expect(reason).toHaveFocus());
    expect(button).toBeEnabled();

    await submit();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Dit kan nu niet meer: de gegevens zijn intussen gewijzigd.');
    expect(reason).not.toHaveAttribute('aria-invalid');

    // A field the dialog does not have: its message at the top.
    await submit();
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Deze waarde kunnen we niet aanvaarden.'));
  });

  it('stays quiet once the form is sent', async () => {
    const { dialog, name, submit } = renderProbe(vi.fn<Send>().mockResolvedValue({ ok: true }));
    await userEvent.type(name, 'Mijn filter');
    await submit();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(name).not.toHaveAttribute('aria-invalid');
  });
});
