import { test, expect, Page } from '@playwright/test';
import { confirmDialog, expectAccessible, hydrated, login, register, uncaughtErrors, uniqueLogin, validUscc } from './helpers';

// Issue 14: a customer who reads English walks the console in it: the switch in the
// account menu, real-name verification, a framework contract's creation, its page and its
// download. Every label, status, dialog, toast and field error is English; the pages pass
// axe in English and nothing overflows at 375 px. Contract PDFs keep their Chinese text.

const HAN = /[\u4e00-\u9fff]/;

/** The console's own words carry no Chinese. Data may (a company's name, an address), so
 *  only the parts that are the console's are read. */
async function expectEnglishChrome(page: Page, what: string) {
  const chinese = await page
    .locator('nav, h1, h2, label, legend, button, th, dt, .badge, .field-hint, .field-error, .form-error, .toast, .alert')
    .evaluateAll((elements, han) => elements
      .filter(e => (e as HTMLElement).offsetParent !== null)
      .map(e => (e.textContent ?? '').trim())
      .filter(text => new RegExp(han).test(text)), HAN.source);
  expect(chinese, what).toEqual([]);
}

/** At a phone's width nothing of the console sticks out of its box or the page. */
async function expectNoOverflow(page: Page, what: string) {
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  const overflowing = await page.locator('a, button, label, legend, summary, h1, h2, th, td, dt, dd, .badge').evaluateAll(
    elements => elements
      .filter(e => (e as HTMLElement).offsetParent !== null)
      .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
        && getComputedStyle(e).overflowX === 'visible'
        && !e.closest('.table-wrap, .table-scroll'))
      .map(e => `${e.tagName} ${e.textContent?.trim().slice(0, 40)}`));
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (desktop) await page.setViewportSize(desktop);
  expect(overflowing, what).toEqual([]);
  expect(pageWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(375);
}

async function switchLanguage(page: Page, tag: 'en' | 'zh-CN') {
  await page.locator('.account-menu summary').click();
  await page.locator(`#lang-${tag}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', tag);
  await hydrated(page);
}

test('an English walk: switch, verify, create a framework contract, sign it, download it', async ({ page, context }) => {
  const errors = uncaughtErrors(page);
  await register(page, 'enterprise', uniqueLogin('en'));

  // Chinese by default; the account menu switches, and the choice is kept in a cookie.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account');
  expect((await context.cookies()).find(c => c.name === 'lang')?.value).toBe('en');

  // Real-name verification, a field error first.
  await page.getByLabel('Company name').fill('Northwind Example (Shanghai) Co., Ltd.');
  await page.getByLabel('Unified social credit code').fill('91310115');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-id_number-error')).toHaveText('The ID number has 18 characters.');
  await expectEnglishChrome(page, 'the account page with an error');
  await page.getByLabel('Unified social credit code').fill(validUscc());
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#realname-status')).toHaveText('Verified');
  await expectAccessible(page, 'the account page in English');

  // The contract home, in English after a client-side navigation too.
  await page.locator('nav.sidenav a[href="/contracts"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contracts');
  await expect(page.locator('.create-option a[data-kind="framework"]')).toHaveText(/New framework contract/);
  await expectEnglishChrome(page, 'the contract home');
  await expectAccessible(page, 'the contract home in English');
  await expectNoOverflow(page, 'the contract home');

  // The wizard: field errors in English, then the draft.
  await page.locator('.create-option a[data-kind="framework"]').click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.locator('#f-confirmed-error')).toHaveText("Confirm that party A's details are true and valid.");
  await expect(page.locator('#f-address-error')).toHaveText('Enter the contact address.');
  await expectEnglishChrome(page, 'the wizard with errors');
  await expectAccessible(page, 'the wizard in English');
  await expectNoOverflow(page, 'the wizard');
  await page.getByLabel('Contact address').fill('9 Example Road, Gulou District, Nanjing, Jiangsu');
  await page.getByLabel('Contact person').fill('Zhou Qi');
  await page.getByLabel('Contact phone').fill('13800138009');
  await page.getByLabel('Email').fill('zhou@example.cn');
  await page.getByLabel('Postcode').fill('210000');
  await page.locator('#f-confirmed').check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/contracts\/QY-\d{8}-\d{6}$/);
  await hydrated(page);

  // The contract's page: status, the confirmation dialog, the timeline.
  const status = page.getByTestId('status');
  await expect(status).toHaveText('Draft / Draft generated');
  await page.getByRole('button', { name: 'Convert to formal contract' }).click();
  await expect(page.getByRole('dialog')).toContainText('cannot');
  await confirmDialog(page, 'Convert to formal contract');
  await expect(status).toHaveText('Effective / E-contract effective');
  await expect(page.locator('#timeline')).toContainText('Signed by the provider; contract effective');
  await expectEnglishChrome(page, "the contract's page");
  await expectAccessible(page, "the contract's page in English");
  await expectNoOverflow(page, "the contract's page");
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download formal contract' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^QY-\d{8}-\d{6}-.+\.pdf$/);
  const pdfPage = page.url();

  // The other pages of the console, in English too.
  for (const path of ['/party-a', '/esign', '/contracts/new/order']) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectEnglishChrome(page, path);
    await expectAccessible(page, `${path} in English`);
    await expectNoOverflow(page, path);
  }
  await page.goto(pdfPage);
  await hydrated(page);

  // And back to Chinese on the same page.
  await switchLanguage(page, 'zh-CN');
  await expect(status).toHaveText('已生效 / 电子合同已生效');
  expect(HAN.test(await page.getByRole('heading', { level: 1 }).innerText())).toBe(true);
  expect(errors).toEqual([]);
});

test('the operator console in English', async ({ page }) => {
  const errors = uncaughtErrors(page);
  await login(page, 'ops_demo', undefined, '/ops');
  await switchLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operations console');
  await expect(page.locator('nav.sidenav')).toContainText('Operations');
  await expectEnglishChrome(page, 'the operator console');
  await expectAccessible(page, 'the operator console in English');
  await expectNoOverflow(page, 'the operator console');
  expect(errors).toEqual([]);
});
