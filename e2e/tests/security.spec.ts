import { expect, test } from '@playwright/test';
import { JAN, signInCitizen } from './support/citizen';

test('the SPA runs under its Content-Security-Policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/aanmelden?next=%2Fmijn-aanvragen');
  await signInCitizen(page, 'itsme', JAN.nationalNumber);
  await expect(page).toHaveURL(/\/mijn-aanvragen$/);
  await page.goto('/behandelportaal');
  expect(violations).toEqual([]);
});

test('the served SPA publishes no source maps', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const script = await (await request.get(src)).text();
    expect(script).not.toContain('sourceMappingURL');
    const map = await request.get(`${src}.map`);
    const body = await map.text();
    expect(body, `${src}.map`).not.toContain('"mappings"');
  }
});
