import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { expectAccessible, expectHeadingsAndTargets, hydrated, plainHtml } from './helpers';

// English beside Chinese on the public pages (issue 14): the language comes from
// `?lang=`, else the `lang` cookie, else Accept-Language, else zh-CN; the server's HTML
// and the hydrated console agree; search engines see hreflang alternates. Public pages are
// plain HTML (no bundle), so there is nothing to hydrate on them.

const PUBLIC = [
  { path: '/', heading: 'Your cloud contracts, signed online and ready to use' },
  { path: '/guide', heading: 'How to apply' },
  { path: '/faq', heading: 'Frequently asked questions' },
  { path: '/templates', heading: 'Contract templates' },
  { path: '/verify', heading: 'Verify a contract' },
];

/** What the browser reports as errors (a hydration mismatch panics into the console). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(e.message));
  return errors;
}

test.describe('a browser that prefers English', () => {
  test.use({ locale: 'en-US' });

  test('gets the public pages in English, plain HTML, accessible, with hreflang alternates', async ({ page }) => {
    const errors = consoleErrors(page);
    for (const p of PUBLIC) {
      await page.goto(p.path);
      await plainHtml(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.heading);
      const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll(
        links => links.map(l => [l.getAttribute('hreflang'), l.getAttribute('href')]));
      const origin = new URL(page.url()).origin;
      const path = p.path;
      expect(alternates).toEqual([
        ['zh-CN', `${origin}${path}?lang=zh-CN`],
        ['en', `${origin}${path}?lang=en`],
        ['x-default', `${origin}${path}`],
      ]);
      await expectAccessible(page, `${p.path} in English`);
      await expectHeadingsAndTargets(page, `${p.path} in English`);
    }
    expect(errors).toEqual([]);
  });

  test('switches to Chinese and back; the choice outlives the header', async ({ page, context }) => {
    const errors = consoleErrors(page);
    await page.goto('/guide');
    await plainHtml(page);
    await page.locator('#lang-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请指引');
    await plainHtml(page);
    const cookies = await context.cookies();
    expect(cookies.find(c => c.name === 'lang')?.value).toBe('zh-CN');
    // The cookie wins over Accept-Language on the next page.
    await page.goto('/faq');
    await plainHtml(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('常见问题');
    await page.locator('#lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frequently asked questions');
    await plainHtml(page);
    // The console follows the same choice, and hydrates in it.
    await page.goto('/login');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    expect(errors).toEqual([]);
  });

  test('a bad verification request is explained in English', async ({ page }) => {
    await page.goto('/verify');
    await plainHtml(page);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('#f-number-error')).toHaveText('Enter the contract number, e.g. QY-20261123-000042');
    await plainHtml(page);
    await page.getByLabel('Contract number').fill('QY-20261123-000042');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.locator('#f-file-error')).toHaveText("Upload the contract's PDF, or enter its SHA-256");
  });

  test('at 375 px wide no English label overflows its control', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const p of PUBLIC) {
      await page.goto(p.path);
      await plainHtml(page);
      const overflowing = await page.locator('a, button, label, summary, h1, h2').evaluateAll(
        elements => elements
          .filter(e => (e as HTMLElement).offsetParent !== null)
          .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
            && e.clientWidth > 0)
          .map(e => `${e.tagName} ${e.textContent?.trim().slice(0, 40)}`));
      expect(overflowing, p.path).toEqual([]);
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth, `${p.path} scrolls sideways`).toBeLessThanOrEqual(375);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('?lang=en renders English on the server; Chinese stays the default', async ({ page }) => {
    await page.goto('/templates?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.template h2').first()).toHaveText('Framework contract');
    await page.context().clearCookies();
    await page.goto('/templates');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('合同模板');
  });
});
