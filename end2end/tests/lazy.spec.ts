import { test, expect } from './fixtures';
import { effectiveFramework, hydrated, login, piecesFetched, uncaughtErrors, uniqueLogin } from './helpers';

// Issue 13: each page's code is a piece of the bundle of its own (app/src/routes.rs,
// cut by scripts/build.sh), fetched when the page opens. The contract home and sign-in
// are in the main module; the operator console, the wizard with its item picker, the
// contract page, e-signing, party A and the account page load their piece when opened,
// and only then; parts few visits use (the item picker, the after-signing panel, the
// dual-signing panel: dual.spec) come when they are shown.

test('a customer\'s pages fetch their own piece of the bundle when they open', async ({ page }) => {
  const errors = uncaughtErrors(page);
  const pieces = piecesFetched(page);
  await login(page, 'ent_demo');
  expect(pieces, 'sign-in and the contract home are in the main module').toEqual([]);

  const opens: [string, string][] = [
    // The framework wizard: no item picker, whether ent_demo may create one now or not
    // (other specs sign its framework contract meanwhile).
    ['/contracts/new/framework', 'new_contract'],
    ['/contracts/QY-20000101-000001', 'contract_detail'],
    ['/party-a', 'party_a'],
    ['/esign', 'esign'],
    ['/account', 'account'],
  ];
  for (const [path, piece] of opens) {
    pieces.length = 0;
    await page.goto(path);
    await hydrated(page);
    expect(pieces, path).toEqual([piece]);
  }
  // Moving within the app loads the next page's piece on the way.
  await page.goto('/contracts');
  await hydrated(page);
  pieces.length = 0;
  await page.locator('nav.sidenav').getByRole('link', { name: '甲方信息' }).click();
  await page.waitForURL('**/party-a');
  await expect(page.getByRole('heading', { name: '甲方信息' }).first()).toBeVisible();
  expect(pieces).toEqual(['party_a']);
  expect(errors).toEqual([]);
});

test('the operator console is fetched only by operators opening it', async ({ page }) => {
  const errors = uncaughtErrors(page);
  const pieces = piecesFetched(page);
  await login(page, 'ops_demo', undefined, '/ops');
  await expect(page.locator('#ops-paper')).toBeVisible();
  // The exports card is a piece of its own, fetched once the console is shown.
  await expect(page.locator('#ops-exports')).toBeVisible();
  expect(pieces).toEqual(['ops', 'exports_card']);
  expect(errors).toEqual([]);
});

test('the item picker and the after-signing panel are fetched when they are shown', async ({ page }) => {
  const errors = uncaughtErrors(page);
  const pieces = piecesFetched(page);
  // A framework contract's page: signed, so paper copies may be asked for; single-party,
  // so no dual-signing steps.
  await effectiveFramework(page, uniqueLogin('lazy'), '懒加载科技有限公司');
  await expect(page.locator('#paper')).toBeVisible();
  expect(pieces).toContain('after_signing_panel');
  expect(pieces).not.toContain('dual_panel');
  // The framework wizard has no items to pick; the order wizard starts with the picker.
  expect(pieces).not.toContain('item_picker');
  pieces.length = 0;
  await page.goto('/contracts/new/order');
  await hydrated(page);
  // A new account has no orders yet: the picker's search and its empty list.
  await expect(page.locator('#picker-search')).toBeVisible();
  expect(pieces).toEqual(['new_contract', 'item_picker']);
  expect(errors).toEqual([]);
});

// A page's piece and its chunks come as one module (scripts/wasm-packs.py); when that
// module cannot be had, the loader falls back to the modules one by one.
test('a page whose merged module fails to load still opens, from its modules one by one', async ({ page }) => {
  const errors = uncaughtErrors(page);
  await login(page, 'ent_demo');
  await page.route('**/pack_account.wasm', (route) => route.abort());
  const pieces = piecesFetched(page);
  const chunks: string[] = [];
  page.on('response', (res) => { if (/\/chunk_\d+\.wasm$/.test(res.url())) chunks.push(res.url()); });
  await page.goto('/account');
  await hydrated(page);
  expect(pieces).toEqual(['account']);
  expect(chunks.length, 'the chunks it needs, each on its own').toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});
