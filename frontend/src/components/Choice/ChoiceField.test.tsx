import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ChoiceField } from './ChoiceField';

function Probe({ error }: { error?: string }) {
  const [value, setValue] = useState<'belgium' | 'abroad'>('belgium');
  return (
    <ChoiceField
      id="for-use"
      name="forUse"
      legend="Waar ga je het document gebruiken?"
      hint="Kies één antwoord."
      error={error}
      choices={[
        { value: 'belgium', label: 'In België' },
        { value: 'abroad', label: 'In het buitenland', hint: 'Je vult straks het land in.' },
      ]}
      value={value}
      onChange={setValue}
    />
  );
}

describe('ChoiceField', () => {
  it('is a named group of radio buttons that keeps the chosen one', async () => {
    render(<Probe />);
    const group = screen.getByRole('group', { name: 'Waar ga je het document gebruiken?' });
    expect(group).toHaveAccessibleDescription('Kies één antwoord.');
    expect(screen.getByRole('radio', { name: 'In België' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'In België' })).toHaveAttribute('id', 'for-use');

    await userEvent.click(screen.getByRole('radio', { name: 'In het buitenland' }));
    expect(screen.getByRole('radio', { name: 'In het buitenland' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'In het buitenland' })).toHaveAccessibleDescription('Je vult straks het land in.');
  });

  it('ties its error to the group', () => {
    render(<Probe error="Maak een keuze." />);
    const group = screen.getByRole('group', { name: 'Waar ga je het document gebruiken?' });
    expect(group).toHaveAccessibleDescription('Kies één antwoord. Maak een keuze.');
  });
});
