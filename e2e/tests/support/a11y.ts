import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** WCAG 2.1 level A and AA: the bar for Flemish government websites. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the page as it is now; `where` names the page in the failure message. */
export async function expectNoViolations(page: Page, where = page.url()) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** What the focused element is, for messages: its tag and text or label. */
async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing: the body)';
    const label = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> ${label.trim().slice(0, 60)}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves through a
 * page; fails after `max` presses. Then checks the focus can be seen.
 */
export async function tabTo(page: Page, target: Locator, { max = 80, backwards = false } = {}) {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let pressed = 0; pressed < max; pressed++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) {
      await expectFocusVisible(page);
      return;
    }
  }
  throw new Error(`${max} × ${key} did not reach ${target.toString()}; the focus is on ${await focusedDescription(page)}`);
}

/**
 * The focused element shows that it has the focus: an outline or a box shadow (the two ways the
 * SPA's styles draw a focus ring), as WCAG 2.4.7 asks.
 */
export async function expectFocusVisible(page: Page) {
  const ring = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { focused: false, outline: '', shadow: '' };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `${style.outlineStyle} ${style.outlineWidth}` : '';
    const shadow = style.boxShadow !== 'none' ? style.boxShadow : '';
    return { focused: true, outline, shadow };
  });
  expect(ring.focused, 'something has the focus').toBe(true);
  expect(ring.outline || ring.shadow, `a visible focus ring on ${await focusedDescription(page)}`).not.toBe('');
}

/** Tabs to `target` and presses Enter on it. */
export async function activate(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Tabs to a text field and types into it, as a keyboard user fills it in. */
export async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/**
 * WCAG 1.4.10 reflow: at 320 CSS px wide nothing scrolls sideways, and the page's main heading
 * and (when given) its primary action are shown whole inside that width.
 */
export async function expectReflows(page: Page, heading: Locator, action?: Locator) {
  const { scrollWidth, clientWidth, overflowing } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The innermost elements that stick out on the right, or whose text does (a long word):
    // what to fix when the page scrolls.
    // A data table may scroll inside its own box (WCAG 1.4.10 allows it): not the page.
    const scrolls = (el: Element) => el.closest('.table-wrapper') !== null;
    const sticksOut = (el: Element) => !scrolls(el) && el.getBoundingClientRect().right > width + 1;
    const textSticksOut = (el: Element) =>
      !scrolls(el) && getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    const out = [...document.body.querySelectorAll('*')].filter(
      (el) => (sticksOut(el) && ![...el.children].some(sticksOut)) || (textSticksOut(el) && ![...el.children].some(textSticksOut)),
    );
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: width,
      overflowing: out
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${(el.textContent ?? '').trim().slice(0, 40)}`),
    };
  });
  // Soft, so one run lists every page that does not reflow.
  expect.soft(scrollWidth, `no horizontal scroll on ${page.url()}; sticking out: ${overflowing.join(', ')}`).toBeLessThanOrEqual(clientWidth + 1);
  for (const shown of action ? [heading, action] : [heading]) {
    await expect(shown).toBeVisible();
    const box = await shown.boundingBox();
    expect(box, `${shown.toString()} has a box`).not.toBeNull();
    expect.soft(box!.x, `${shown.toString()} starts inside the viewport on ${page.url()}`).toBeGreaterThanOrEqual(-1);
    expect.soft(box!.x + box!.width, `${shown.toString()} ends inside the viewport on ${page.url()}`).toBeLessThanOrEqual(clientWidth + 1);
  }
}
