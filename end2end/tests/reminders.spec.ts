import { test, expect } from './fixtures';
import { fillPartyA, hydrated, register, setContractTime, startDual, switchLanguage, uniqueLogin, verify, devOutbox } from './helpers';

// Signing reminders and the signing deadline (R23, issue 31). A dual-channel contract
// waits for its signer; the worker's sweep (every 2 s in the test server, quiet hours
// off so the test passes at any hour) reminds the signer when the reminder is due and
// cancels the signing once the deadline passes. Twenty-four hours cannot pass here, so
// the test makes them due by writing the contract's times, as the hours passing would.
// The schedule itself (24 h, 72 h, the night, the cap) is tested on the injected clock in
// service/tests/reminders.rs.

const PHONE = '13900000031';

test('signing reminders: the sweep reminds the signer, shown in the timeline; the deadline cancels and voids', async ({ page }) => {
  await register(page, 'individual', uniqueLogin('remind'));
  await verify(page, 'individual', '周提醒');
  const number = await startDual(page, 'framework');
  await fillPartyA(page);
  await page.getByLabel('签署人手机号').fill(PHONE);
  await page.getByRole('button', { name: '确认签署信息并发送验证码' }).click();
  await expect(page.locator('#dual-sign')).toBeVisible();
  await expect(page.locator('#signing-deadline')).toContainText('逾期将自动取消签署');

  // A day on: the reminder is due; the sweep sends it and the timeline shows it, by the system.
  setContractTime(number, 'next_reminder_at', Date.now() - 1_000);
  const reminders = page.locator('#timeline li', { hasText: '催签' });
  await expect(async () => {
    await page.reload();
    await expect(reminders).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(reminders).toContainText('系统');
  const outbox = await devOutbox(page);
  const toSigner = outbox.split('<tr').filter((row) => row.includes(`data-phone="${PHONE}"`) && row.includes(number));
  expect(toSigner.some((row) => row.includes('等待您签署')), 'the reminder SMS').toBe(true);
  // Sent once, whatever the sweeps since.
  await page.waitForTimeout(4_500);
  await page.reload();
  await expect(reminders).toHaveCount(1);

  // In English too.
  await switchLanguage(page, 'en');
  await expect(page.locator('#timeline li', { hasText: 'Reminder sent' })).toContainText('System');
  await expect(page.locator('#signing-deadline')).toContainText('Sign by');

  // The deadline passes unsigned: the signing is cancelled, then the contract voided.
  setContractTime(number, 'signing_deadline_at', Date.now() - 1_000);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('status')).toContainText('Voided', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.locator('#timeline')).toContainText('Signing deadline passed; signing cancelled');
  await switchLanguage(page, 'zh-CN');
  await expect(page.locator('#timeline li', { hasText: '签署超时，自动取消签署' })).toContainText('系统');
  await expect(page.getByTestId('status')).toContainText('已作废');
});
