import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CheckboxField } from './CheckboxField';
import { Field } from './Field';
import { SelectField } from './SelectField';
import { TextAreaField } from './TextAreaField';

describe('form fields', () => {
  it('tie hint and error to the input', () => {
    render(<Field label="Naam" hint="Zoals op je identiteitskaart." error="Vul je naam in." />);
    const input = screen.getByRole('textbox', { name: 'Naam' });
    expect(input).toHaveAccessibleDescription('Zoals op je identiteitskaart. Vul je naam in.');
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('do so for a text area as well', async () => {
    render(<TextAreaField id="reden" label="Reden" error="Vul de reden in." defaultValue="" />);
    const area = screen.getByRole('textbox', { name: 'Reden' });
    expect(area.tagName).toBe('TEXTAREA');
    expect(area).toHaveAttribute('id', 'reden');
    expect(area).toHaveAccessibleDescription('Vul de reden in.');
    await userEvent.type(area, 'Eerste regel{Enter}tweede');
    expect(area).toHaveValue('Eerste regel\ntweede');
  });

  it('offer a labelled drop-down list', async () => {
    render(
      <SelectField
        label="Kanaal"
        hint="Hoe de aanvraag binnenkwam."
        defaultValue=""
        options={[
          { value: '', label: 'Alle' },
          { value: 'web', label: 'Website' },
        ]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Kanaal' });
    expect(select).toHaveAccessibleDescription('Hoe de aanvraag binnenkwam.');
    await userEvent.selectOptions(select, 'Website');
    expect(select).toHaveValue('web');
  });

  it('offer a checkbox with its label and hint', async () => {
    render(<CheckboxField label="Delen met collega's" hint="Ze kunnen hem niet wijzigen." />);
    const box = screen.getByRole('checkbox', { name: "Delen met collega's" });
    expect(box).toHaveAccessibleDescription('Ze kunnen hem niet wijzigen.');
    await userEvent.click(screen.getByText("Delen met collega's"));
    expect(box).toBeChecked();
  });
});
