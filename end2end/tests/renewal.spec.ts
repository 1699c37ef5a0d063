import { test, expect } from './fixtures';
import { confirmDialog, effectiveFiling, expectAccessible, hydrated, setContractTime } from './helpers';

// Renewal (续签, R25): in its last 30 days a filing contract offers 续签; the renewal is a
// new filing contract for the same filings whose year starts when the old one ends. The
// old one then shows its renewal instead of the expiry banner. As in expiry.spec.ts, the
// test brings the expiry near by writing it into the test server's database.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** "2027-12-16" / "2027-12-16 09:30" in China time, `years` later. */
function cst(ms: number, years = 0, minutes = false): string {
  const d = new Date(ms + 8 * HOUR);
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear() + years}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return minutes ? `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` : date;
}

test('renewal: a filing contract in its last 30 days is renewed in one step, its year running on from the old end', async ({ page, request }) => {
  const old = await effectiveFiling(page, request, 'renew');
  // A year on: ten days left (not on a leap day: the year after is the same date).
  const ends = Date.now() + 10 * DAY;
  setContractTime(old, 'expires_at', ends);

  await page.goto(`/contracts/${old}`);
  await hydrated(page);
  await expect(page.locator('#expiring')).toContainText('10 天后到期');
  const card = page.locator('#renewal');
  await expect(card).toContainText('新合同的一年期限从本合同到期时起算');
  await expectAccessible(page, 'a filing contract offering renewal');
  await card.getByRole('button', { name: '续签' }).click();

  // The renewal: its own page, linked to the old one, its term from the old end.
  await page.waitForURL((url) => /\/contracts\/QY-\d{8}-\d{6}$/.test(url.pathname) && !url.pathname.endsWith(old));
  await hydrated(page);
  // The number from the address: the page may still show the old contract a moment after
  // the address changed (a client-side navigation).
  const renewal = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.locator('#contract-number')).toHaveText(renewal);
  await expect(page.locator('#renews')).toHaveText(old);
  await expect(page.locator('#term-starts')).toHaveText(cst(ends, 0, true));
  await expect(page.locator('#items')).toContainText('到期示例站');
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await page.getByRole('button', { name: '转为正式合同' }).click();
  await confirmDialog(page, '转为正式合同');
  await expect(page.getByTestId('status')).toContainText('已生效 / 电子合同已生效');
  // Signed today, it expires a year after the old end, not a year after today.
  await expect(page.locator('#contract-info')).toContainText(cst(ends, 1));
  await expect(page.locator('#expiring')).toHaveCount(0);

  // The old contract: no more expiry banner or 续签, its renewal linked instead.
  await page.goto(`/contracts/${old}`);
  await hydrated(page);
  await expect(page.locator('#renewed-by')).toHaveText(renewal);
  await expect(page.locator('#expiring')).toHaveCount(0);
  await expect(page.locator('#renew')).toHaveCount(0);
  await expect(page.locator('#timeline')).toContainText('已续签');
  await expect(page.locator('#timeline')).toContainText(`续签合同 ${renewal}`);
  await page.goto('/contracts');
  await hydrated(page);
  await expect(page.locator(`[data-expiring="${old}"]`)).toHaveCount(0);

  // In English.
  await page.goto(`/contracts/${old}?lang=en`);
  await hydrated(page);
  await expect(page.locator('#renewal')).toContainText('Renewal');
  await expect(page.locator('#renewed-by')).toHaveText(renewal);
  await expect(page.locator('#timeline')).toContainText(`Renewed`);
  await expect(page.locator('#timeline')).toContainText(`Renewal ${renewal}`);
  await page.goto(`/contracts/${renewal}?lang=en`);
  await hydrated(page);
  await expect(page.locator('#renewal')).toContainText('Renews');
  await expect(page.locator('#renewal')).toContainText('Term starts');
  await expectAccessible(page, 'a renewal, in English');
});

test('renewal: refused with its reason outside the last 30 days, in both languages', async ({ page, request }) => {
  const old = await effectiveFiling(page, request, 'renew2');
  // 40 days left: not offered.
  setContractTime(old, 'expires_at', Date.now() + 40 * DAY);
  await page.goto(`/contracts/${old}`);
  await hydrated(page);
  await expect(page.locator('#contract-number')).toHaveText(old);
  await expect(page.locator('#renewal')).toHaveCount(0);
  // Offered with a day left; the term ends before the click: refused, nothing created.
  setContractTime(old, 'expires_at', Date.now() + DAY);
  await page.goto(`/contracts/${old}?lang=en`);
  await hydrated(page);
  await expect(page.locator('#renew')).toBeVisible();
  setContractTime(old, 'expires_at', Date.now() - 1_000);
  await page.locator('#renew').click();
  await expect(page.locator('#renewal [role=alert]')).toHaveText(
    'The contract has expired and can no longer be renewed; its filings are free for a new filing contract.');
  await expect(page).toHaveURL(new RegExp(`/contracts/${old}`));
});
