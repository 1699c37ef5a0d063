import { test, expect } from './fixtures';
import { hydrated, login, register, uniqueLogin, verify } from './helpers';

test('an unverified account sees why it cannot create contracts, and where to verify', async ({ page }) => {
  await login(page, 'new_demo');
  await expect(page.getByRole('note')).toContainText('尚未完成实名认证');
  for (const kind of ['framework', 'order', 'filing', 'recharge']) {
    const button = page.locator(`.create-option a[data-kind="${kind}"]`);
    await expect(button).toHaveAttribute('aria-disabled', 'true');
  }
  await expect(page.locator('#create-framework-reason')).toHaveText('请先完成实名认证');
  await page.getByRole('link', { name: '前往实名认证' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: '实名认证（演示）' })).toBeVisible();
});

test('verification unlocks the framework contract; the others still need one', async ({ page }) => {
  await register(page, 'enterprise', uniqueLogin('gate'));
  await verify(page, 'enterprise', '示例门禁科技有限公司');
  await page.goto('/contracts');
  await hydrated(page);
  await expect(page.locator('.create-option a[data-kind="framework"]')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(page.locator('#create-order-reason')).toHaveText('请先创建框架合同，且框架合同已生效');
  // Opened anyway, the order wizard says why it cannot start and still offers the terms.
  await page.goto('/contracts/new/order');
  await hydrated(page);
  await expect(page.getByRole('alert')).toContainText('请先创建框架合同');
  await expect(page.locator('.template-note a')).toHaveAttribute('href', '/templates/order.pdf');
});

test('a bad identifier is refused with a field error', async ({ page }) => {
  await register(page, 'individual', uniqueLogin('idbad'));
  await page.getByLabel('姓名').fill('钱七');
  await page.getByLabel('身份证号码').fill('110105194912310021');
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.locator('#f-id_number-error')).toContainText('校验位');
  await expect(page.getByLabel('姓名')).toHaveValue('钱七');
});
