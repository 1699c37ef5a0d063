import { test, expect } from './fixtures';
import { hydrated, register, uniqueLogin, verify } from './helpers';

test('party A: a validation error, then a save that survives a reload', async ({ page }) => {
  const name = uniqueLogin('pa');
  await register(page, 'enterprise', name);
  await verify(page, 'enterprise', '示例甲方科技有限公司');

  await page.goto('/party-a');
  await hydrated(page);
  // The name is the verified subject and cannot be edited (R1).
  await expect(page.locator('#party-a-name')).toHaveText('示例甲方科技有限公司');
  await expect(page.locator('input[name="name"]')).toHaveCount(0);

  await page.getByLabel('联系地址').fill('上海市徐汇区示例路 1 号');
  await page.getByLabel('联系人').fill('李四');
  await page.getByLabel('联系电话').fill('12345');
  await page.getByLabel('电子邮箱').fill('li@example');
  await page.getByLabel('邮政编码').fill('2000');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#f-phone-error')).toBeVisible();
  await expect(page.locator('#f-email-error')).toBeVisible();
  await expect(page.locator('#f-postcode-error')).toHaveText('邮政编码为 6 位数字');
  // Nothing typed is lost.
  await expect(page.getByLabel('联系地址')).toHaveValue('上海市徐汇区示例路 1 号');

  await page.getByLabel('联系电话').fill('13912345678');
  await page.getByLabel('电子邮箱').fill('li@example.cn');
  await page.getByLabel('邮政编码').fill('200030');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.toast-success')).toHaveText('甲方信息已保存');
  await expect(page.locator('.field-error')).toHaveCount(0);

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('联系地址')).toHaveValue('上海市徐汇区示例路 1 号');
  await expect(page.getByLabel('联系电话')).toHaveValue('13912345678');
  await expect(page.getByLabel('邮政编码')).toHaveValue('200030');

  // The contract home's party A card shows it, phone masked.
  await page.goto('/contracts');
  await expect(page.locator('.kv')).toContainText('139****5678');
});

test('the browser checks party A before sending anything (the WASM bundle is live)', async ({ page }) => {
  const name = uniqueLogin('pb');
  await register(page, 'individual', name);
  await verify(page, 'individual', '赵六');
  await page.goto('/party-a');
  await hydrated(page);
  const saves: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/fn/party_a/save')) saves.push(req.url());
  });
  await page.getByLabel('联系电话').fill('not a phone');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#f-phone-error')).toHaveText('请输入正确的手机号或固定电话');
  await expect(page.locator('#f-address-error')).toBeVisible();
  expect(saves).toHaveLength(0);
});
