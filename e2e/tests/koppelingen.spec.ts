import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, signInStaff } from './support/staff';

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function tokenFor(request: APIRequestContext, clientId: string, clientSecret: string) {
  return request.post('/oauth/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
}

test('an admin registers an integration, whose secret gets a token until it is revoked', async ({ page, request }) => {
  const name = `Zaaksysteem ${Date.now()}`;
  await signInStaff(page, ADMIN.username);
  await page.getByRole('navigation', { name: 'Behandelportaal' }).getByRole('link', { name: 'Koppelingen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Koppelingen' })).toBeVisible();

  await page.getByRole('button', { name: 'Nieuwe koppeling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nieuwe koppeling' });
  await dialog.getByRole('textbox', { name: 'Naam' }).fill(name);
  const rights = dialog.getByRole('group', { name: 'Rechten' });
  await rights.getByRole('checkbox', { name: 'Aanvragen inzien' }).check();
  await rights.getByRole('checkbox', { name: 'Webhooks beheren' }).check();
  await dialog.getByRole('textbox', { name: /Contactadres/ }).fill('ict@voorbeeldegem.be');
  await dialog.getByRole('button', { name: 'Koppeling aanmaken' }).click();

  // The secret, once, in a box that has focus.
  const box = page.getByRole('region', { name: `Geheim van ${name}` });
  await expect(box).toBeFocused();
  await expect(box).toContainText('wordt maar één keer getoond');
  const clientId = (await box.locator('code').textContent())!.trim();
  const clientSecret = await box.getByRole('textbox', { name: 'Geheim' }).inputValue();
  expect(clientId).toMatch(/^lk_/);
  expect(clientSecret.length).toBeGreaterThan(20);

  const granted = await tokenFor(request, clientId, clientSecret);
  expect(granted.status(), await granted.text()).toBe(200);
  const { access_token: token, scope } = (await granted.json()) as { access_token: string; scope: string };
  expect(scope.split(' ').sort()).toEqual(['requests:read', 'webhooks:manage']);
  const own = await request.get('/api/v1/webhooks', { headers: { Authorization: `Bearer ${token}` } });
  expect(own.status(), await own.text()).toBe(200);

  await box.getByRole('button', { name: 'Ik heb het geheim bewaard' }).click();
  await expect(box).toBeHidden();
  await expect(page.getByText(clientSecret)).toHaveCount(0);

  // The card shows the secret by its last four characters, used once now.
  const card = page.getByRole('region', { name: new RegExp(`^${name}`) });
  const hint = clientSecret.slice(-4);
  const secrets = card.getByRole('table', { name: `Geheimen van ${name}` });
  await page.reload();
  await expect(secrets.getByRole('row').nth(1)).toContainText(`eindigt op ${hint}`);
  await expect(secrets.getByRole('row').nth(1)).not.toContainText('Nog niet gebruikt');

  await card.getByRole('button', { name: `Intrekken geheim dat eindigt op ${hint}` }).click();
  const confirm = page.getByRole('dialog', { name: `Geheim dat eindigt op ${hint} intrekken?` });
  await confirm.getByRole('button', { name: 'Intrekken' }).click();
  await expect(page.getByText(`Het geheim dat eindigt op ${hint} is ingetrokken`)).toBeVisible();
  await expect(secrets.getByRole('row').nth(1)).toContainText('Ingetrokken op');

  // The token it got stops working at once, and the secret gets no new one.
  const after = await request.get('/api/v1/webhooks', { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  const refused = await tokenFor(request, clientId, clientSecret);
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toBe('invalid_client');
});

test('an admin subscribes an integration to events, sees the signing secret once, and removes it', async ({ page }) => {
  const name = `Archief ${Date.now()}`;
  await signInStaff(page, ADMIN.username, '/behandelportaal/koppelingen');
  await page.getByRole('button', { name: 'Nieuwe koppeling' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nieuwe koppeling' });
  // What is missing is said beside the fields, before anything is sent.
  await dialog.getByRole('button', { name: 'Koppeling aanmaken' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Naam' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('group', { name: 'Rechten' })).toContainText('Kies minstens één recht.');
  await expectNoViolations(page);
  await dialog.getByRole('textbox', { name: 'Naam' }).fill(name);
  await dialog.getByRole('checkbox', { name: 'Webhooks beheren' }).check();
  await dialog.getByRole('button', { name: 'Koppeling aanmaken' }).click();
  await page.getByRole('button', { name: 'Ik heb het geheim bewaard' }).click();

  const card = page.getByRole('region', { name: new RegExp(`^${name}`) });
  await card.getByRole('button', { name: `Webhook toevoegen koppeling ${name}` }).click();
  const add = page.getByRole('dialog', { name: `Webhook toevoegen voor ${name}` });
  await add.getByRole('textbox', { name: 'Adres (URL)' }).fill('http://127.0.0.1:9/loket-hook');
  await add.getByRole('checkbox', { name: 'Aanvraag ingediend' }).check();
  await add.getByRole('checkbox', { name: 'Document afgeleverd' }).check();
  await add.getByRole('button', { name: 'Webhook toevoegen' }).click();

  const box = page.getByRole('region', { name: 'Ondertekeningsgeheim van de webhook naar http://127.0.0.1:9/loket-hook' });
  await expect(box).toBeFocused();
  await expect(box.getByRole('textbox', { name: 'Geheim' })).toHaveValue(/^whsec_/);
  await expect(card).toContainText('Aanvraag ingediend, Document afgeleverd');
  await expect(card.locator('.webhook__state')).toHaveText('Actief');

  await expectNoViolations(page);
  await card.getByRole('button', { name: 'Verstuurde berichten tonen webhook naar http://127.0.0.1:9/loket-hook' }).click();
  await expect(card.getByText('Er zijn nog geen berichten verstuurd.')).toBeVisible();

  // Removed, so the other tests' requests send it nothing.
  await card.getByRole('button', { name: 'Verwijderen webhook naar http://127.0.0.1:9/loket-hook' }).click();
  await page.getByRole('dialog', { name: 'Webhook verwijderen?' }).getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByText('De webhook naar http://127.0.0.1:9/loket-hook is verwijderd.')).toBeVisible();
  await expect(card.getByText('Geen webhooks.')).toBeVisible();
});
