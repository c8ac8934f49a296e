import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { ApiClient, ClientSettings, Scope } from '../../../api/types';
import { ChoiceField } from '../../../components/Choice/ChoiceField';
import { CheckboxField } from '../../../components/Field/CheckboxField';
import { Field } from '../../../components/Field/Field';
import { FormDialog } from '../../../components/FormDialog/FormDialog';
import { SCOPES } from '../../../domain/vocabulary';
import { useI18n } from '../../../i18n/i18n';
import { CheckboxGroup } from './CheckboxGroup';
import { scopeHint, scopeText, type TypeName } from './clientLabels';

export type ClientDialogMode = { kind: 'create' } | { kind: 'edit'; client: ApiClient };

/** What the dialog sent and what the API answered: a new client comes with its first secret. */
export type ClientSaved = { kind: 'created'; client: ApiClient; secret: string } | { kind: 'changed'; client: ApiClient };

interface Props {
  mode: ClientDialogMode;
  /** The catalogue's document types, to pick from. */
  types: readonly TypeName[];
  onClose: () => void;
  onSaved: (saved: ClientSaved) => void;
}

type Name = 'name' | 'scopes' | 'documentTypes' | 'contactEmail';

/** Register a client, or change one: its name, rights, document types and contact address. */
export function ClientDialog({ mode, types, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const before = mode.kind === 'edit' ? mode.client : undefined;
  const [name, setName] = useState(before?.name ?? '');
  const [scopes, setScopes] = useState<Scope[]>(before?.scopes ?? []);
  const [allTypes, setAllTypes] = useState<'all' | 'some'>(before?.documentTypes ? 'some' : 'all');
  const [picked, setPicked] = useState<string[]>(before?.documentTypes ?? []);
  const [contactEmail, setContactEmail] = useState(before?.contactEmail ?? '');
  const [active, setActive] = useState(before?.active ?? true);

  const settings = (): ClientSettings => ({
    name: name.trim(),
    scopes,
    documentTypes: allTypes === 'all' ? null : picked,
    contactEmail: contactEmail.trim() || null,
    active,
  });

  const save = async () => {
    if (mode.kind === 'edit') {
      const client = await unwrap(api.PUT('/api/v1/clients/{id}', { params: { path: { id: mode.client.id } }, body: settings() }));
      onSaved({ kind: 'changed', client });
    } else {
      const created = await unwrap(api.POST('/api/v1/clients', { body: settings() }));
      onSaved({ kind: 'created', client: created.client, secret: created.clientSecret });
    }
  };

  const validate = () => {
    const codes: Partial<Record<Name, string>> = {};
    if (!name.trim()) codes.name = 'required';
    if (scopes.length === 0) codes.scopes = 'required';
    if (allTypes === 'some' && picked.length === 0) codes.documentTypes = 'required';
    return codes;
  };

  return (
    <FormDialog<Name>
      title={before ? t('clients.editTitle', { name: before.name }) : t('clients.createTitle')}
      intro={!before && <p>{t('clients.createIntro')}</p>}
      submitLabel={t(before ? 'clients.saveChanges' : 'clients.create')}
      fields={{
        name: { id: 'client-name', label: t('clients.name'), messages: 'clientName' },
        scopes: { id: 'client-scopes', label: t('clients.rights') },
        documentTypes: { id: 'client-types', label: t('clients.documentTypes') },
        contactEmail: { id: 'client-contact', label: t('clients.contactEmail') },
      }}
      validate={validate}
      onSubmit={save}
      onClose={onClose}
    >
      {(error) => (
        <>
          <Field
            id="client-name"
            label={t('clients.name')}
            hint={t('clients.nameHint')}
            autoComplete="off"
            maxLength={100}
            value={name}
            error={error('name')}
            onChange={(event) => setName(event.target.value)}
          />
          <CheckboxGroup
            id="client-scopes"
            legend={t('clients.rights')}
            hint={t('clients.rightsHint')}
            error={error('scopes')}
            options={SCOPES.map((scope) => ({ value: scope, label: scopeText(t, scope), hint: scopeHint(t, scope) }))}
            value={scopes}
            onChange={setScopes}
          />
          <ChoiceField
            id="client-types"
            name="client-types"
            legend={t('clients.documentTypes')}
            error={error('documentTypes')}
            choices={[
              { value: 'all', label: t('clients.allTypes'), hint: t('clients.allTypesHint') },
              { value: 'some', label: t('clients.someTypes') },
            ]}
            value={allTypes}
            onChange={setAllTypes}
          />
          {allTypes === 'some' && (
            <div className="client-types">
              <CheckboxGroup
                id="client-types-picked"
                legend={t('clients.whichTypes')}
                options={types.map((type) => ({ value: type.code, label: type.name }))}
                value={picked}
                onChange={setPicked}
              />
            </div>
          )}
          <Field
            id="client-contact"
            type="email"
            label={t('clients.contactEmailOptional')}
            hint={t('clients.contactEmailHint')}
            autoComplete="off"
            maxLength={254}
            value={contactEmail}
            error={error('contactEmail')}
            onChange={(event) => setContactEmail(event.target.value)}
          />
          {before && (
            <CheckboxField
              label={t('clients.activeLabel')}
              hint={t('clients.activeHint')}
              checked={active}
              onChange={(event) => setActive(event.target.checked)}
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
