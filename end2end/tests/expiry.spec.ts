import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { effectiveFiling, expectAccessible, hydrated, setContractTime, devOutbox } from './helpers';

// Expiry notices (issue 31): a filing contract within 30 days of its end gets a banner on
// the contract home and its page, and the sweep (every 2 s in the test server) records
// one notice in its timeline. The server's clock cannot be moved from here, so the test
// brings the expiry near instead: it writes the contract's expiry into the test server's
// database, as a year passing would.

const DAY = 86_400_000;

test('expiry notice: a filing contract 5 days from its end is flagged on the home and its page, and told once', async ({ page, request }) => {
  const number = await effectiveFiling(page, request);
  // The customer asks for the notices by SMS as well, on the party A page.
  await page.goto('/party-a');
  await hydrated(page);
  await expect(page.locator('#expiry-sms')).not.toBeChecked();
  await page.locator('#expiry-sms').check();
  await expect(page.locator('.toast-success')).toHaveText('已开启到期短信提醒');
  await page.reload();
  await hydrated(page);
  await expect(page.locator('#expiry-sms')).toBeChecked();
  await expectAccessible(page, 'the party A page with the expiry SMS choice');
  // A year on: under a week left (the 7-day threshold is the one due).
  setContractTime(number, 'expires_at', Date.now() + 5 * DAY - 60_000);

  await page.goto(`/contracts/${number}`);
  await hydrated(page);
  await expect(page.locator('#expiring')).toContainText('备案合同即将到期');
  await expect(page.locator('#expiring')).toContainText('5 天后到期');
  // The sweep tells it once: one notice in the timeline, whatever the sweeps since.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('#timeline')).toContainText('到期提醒', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.waitForTimeout(4_500);
  await page.reload();
  await expect(page.locator('#timeline li', { hasText: '到期提醒' })).toHaveCount(1);
  await expect(page.locator('#timeline')).toContainText('5 天后到期');
  // … and texted to party A's mobile, once.
  const outbox = await devOutbox(page);
  const texts = outbox.split('<tr').filter((row) => row.includes(number) && row.includes('data-phone="13800138009"'));
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain('将于 5 天后到期');

  // The contract home flags it, linking to it.
  await page.goto('/contracts');
  await hydrated(page);
  const banner = page.locator(`[data-expiring="${number}"]`);
  await expect(banner).toContainText('备案合同即将到期');
  await expect(banner.getByRole('link', { name: number })).toHaveAttribute('href', `/contracts/${number}`);

  // In English.
  await page.goto(`/contracts/${number}?lang=en`);
  await hydrated(page);
  await expect(page.locator('#expiring')).toContainText('Filing contract expiring');
  await expect(page.locator('#expiring')).toContainText('expires in 5 days');
  await expect(page.locator('#timeline')).toContainText('Expiry notice');

  // Expired: no banner.
  setContractTime(number, 'expires_at', Date.now() - DAY);
  await page.goto('/contracts?lang=zh-CN');
  await hydrated(page);
  await expect(page.locator(`[data-expiring="${number}"]`)).toHaveCount(0);
});
