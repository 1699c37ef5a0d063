import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { effectiveFramework, expectAccessible, expectHeadingsAndTargets, hydrated, login, plainHtml, uncaughtErrors, uniqueLogin } from './helpers';

// Accessibility: axe-core's WCAG 2.1 A/AA rules on every kind of page — public pages,
// the customer's console, a contract's detail with its after-signing form, and the
// operator console with its page of a contract. The item picker (contracts.spec) and the signing step with the
// signature pad (dual.spec) are checked inside their flows, where they have data.
// Along the way: the browser reports no Content-Security-Policy violation (the pages'
// scripts carry the response's nonce; see app/src/csp.rs), and no page throws (a
// hydration mismatch panics the bundle: the views are type-erased, .cargo/config.toml).

/** Collects what the browser reports about the Content-Security-Policy (a blocked
 *  script, style or frame), so a test can require there is none. */
function cspReports(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', m => { if (m.text().includes('Content Security Policy')) reports.push(m.text()); });
  return reports;
}

test('public pages meet WCAG 2.1 AA and run under the CSP', async ({ page }) => {
  const csp = cspReports(page);
  const thrown = uncaughtErrors(page);
  for (const path of ['/', '/guide', '/templates', '/faq', '/verify', '/login', '/register', '/no-such-page']) {
    await page.goto(path);
    // The public pages are plain HTML; sign-in, registration and the 404 are the app's.
    if (['/login', '/register', '/no-such-page'].includes(path)) await hydrated(page);
    else await plainHtml(page);
    await expectAccessible(page, path);
    await expectHeadingsAndTargets(page, path);
  }
  expect(csp).toEqual([]);
  expect(thrown).toEqual([]);
});

test('the customer console meets WCAG 2.1 AA', async ({ page }) => {
  const thrown = uncaughtErrors(page);
  await login(page, 'ind_demo');
  for (const path of ['/contracts', '/party-a', '/account', '/esign', '/contracts/new/framework', '/contracts/new/order']) {
    await page.goto(path);
    await hydrated(page);
    await expectAccessible(page, path);
  }
  expect(thrown).toEqual([]);
});

test('a contract page and the operator console meet WCAG 2.1 AA and run under the CSP', async ({ page }) => {
  const csp = cspReports(page);
  const thrown = uncaughtErrors(page);
  const number = await effectiveFramework(page, uniqueLogin('a11y'), '无障碍示例科技有限公司');
  await expectAccessible(page, `/contracts/${number}`);
  await page.locator('#open-paper').click();
  await expectAccessible(page, `/contracts/${number} (paper form open)`);
  await page.context().clearCookies();
  await login(page, 'ops_demo', undefined, '/ops');
  await expectAccessible(page, '/ops');
  // The operator's page of that contract, loaded as a page of its own (its own piece).
  await page.goto(`/ops/contracts/${number}`);
  await hydrated(page);
  await expect(page.locator('#timeline')).toBeVisible();
  await expectAccessible(page, `/ops/contracts/${number}`);
  expect(csp).toEqual([]);
  expect(thrown).toEqual([]);
});
