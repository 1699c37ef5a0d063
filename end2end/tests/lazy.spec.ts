import { test, expect, Page } from '@playwright/test';
import { hydrated, login, uncaughtErrors } from './helpers';

// Issue 13: each page's code is a piece of the bundle of its own (app/src/routes.rs,
// cut by scripts/build.sh), fetched when the page opens. The contract home and sign-in
// are in the main module; the operator console, the wizard with its item picker, the
// contract page with the dual-signing panel, e-signing, party A and the account page
// load their piece when opened, and only then.

/** The page pieces a page fetched, by page: `split___ops_route_view_….wasm` → `ops`. */
function piecesFetched(page: Page): string[] {
  const pieces: string[] = [];
  page.on('response', (res) => {
    const piece = new URL(res.url()).pathname.match(/\/split___(\w+?)_route_view_\d+\.wasm$/);
    if (piece) {
      expect(res.status(), res.url()).toBe(200);
      pieces.push(piece[1]);
    }
  });
  return pieces;
}

test('a customer\'s pages fetch their own piece of the bundle when they open', async ({ page }) => {
  const errors = uncaughtErrors(page);
  const pieces = piecesFetched(page);
  await login(page, 'ent_demo');
  expect(pieces, 'sign-in and the contract home are in the main module').toEqual([]);

  const opens: [string, string][] = [
    ['/contracts/new/order', 'new_contract'],
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
  expect(pieces).toEqual(['ops']);
  await expect(page.locator('#ops-paper')).toBeVisible();
  expect(errors).toEqual([]);
});
