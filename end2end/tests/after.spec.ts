import { test, expect, Page } from '@playwright/test';
import { hydrated, login, register, uniqueLogin, verify } from './helpers';

// After signing: paper contracts (R13) and offline stamping (R14) on a new account's
// effective framework contract, with the provider's operator (ops_demo) on the other
// side in the operator console (/ops).

async function confirmDialog(page: Page, button: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

/** A new verified enterprise with an effective framework contract; returns its number. */
async function effectiveFramework(page: Page, loginName: string, subject: string): Promise<string> {
  await register(page, 'enterprise', loginName);
  await verify(page, 'enterprise', subject);
  await page.goto('/contracts/new/framework');
  await hydrated(page);
  await page.locator('#f-address').fill('江苏省南京市鼓楼区示例路 9 号');
  await page.locator('#f-contact').fill('周七');
  await page.locator('#f-phone').fill('13800138009');
  await page.locator('#f-email').fill('zhou@example.cn');
  await page.locator('#f-postcode').fill('210000');
  await page.locator('#f-confirmed').check();
  await page.getByRole('button', { name: '保存合同草稿' }).click();
  await page.waitForURL(/\/contracts\/QY-\d{8}-\d{6}$/);
  await hydrated(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await page.getByRole('button', { name: '转为正式合同' }).click();
  await confirmDialog(page, '转为正式合同');
  await expect(page.getByTestId('status')).toContainText('已生效 / 电子合同已生效');
  return (await page.locator('#contract-number').textContent())!.trim();
}

async function fillMailing(page: Page, prefix: string) {
  await page.locator(`#${prefix}-recipient`).fill('周七');
  await page.locator(`#${prefix}-phone`).fill('13800138009');
  await page.locator(`#${prefix}-province`).fill('江苏省');
  await page.locator(`#${prefix}-city`).fill('南京市');
  await page.locator(`#${prefix}-district`).fill('鼓楼区');
  await page.locator(`#${prefix}-address`).fill('示例路 9 号 3 楼');
  await page.locator(`#${prefix}-postcode`).fill('210000');
}

async function asOperator(browser: import('@playwright/test').Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('登录名').fill('ops_demo');
  await page.getByLabel('密码').fill('Qianyue-2026');
  await page.getByRole('button', { name: '登录' }).click();
  // Operators land on their console.
  await page.waitForURL('**/ops');
  await hydrated(page);
  return { context, page };
}

test('paper contract: the customer applies, the operator ships, the customer sees the tracking number', async ({ page, browser }) => {
  const number = await effectiveFramework(page, uniqueLogin('paper'), '长江示例纸业（南京）有限公司');
  await page.locator('#open-paper').click();
  // Field-level errors, nothing lost.
  await page.locator('#paper-postcode').fill('2100');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.locator('#paper-recipient-error')).toBeVisible();
  await expect(page.locator('#paper-postcode-error')).toContainText('邮政编码');
  await expect(page.locator('#paper-confirmed-error')).toContainText('提交后不能修改');
  await expect(page.locator('#paper-postcode')).toHaveValue('2100');
  await fillMailing(page, 'paper');
  await page.locator('#f-copies').fill('2');
  await page.locator('#paper-confirmed').check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByTestId('status')).toContainText('纸质合同申请中');
  await expect(page.locator('#mailing-info')).toContainText('江苏省 南京市 鼓楼区 示例路 9 号 3 楼');
  await expect(page.locator('#mailing-info')).toContainText('待寄出');

  const ops = await asOperator(browser);
  const item = ops.page.locator(`#ops-paper .ops-item[data-number="${number}"]`);
  await expect(item).toContainText('示例路 9 号 3 楼');
  await item.locator('[data-action="ship"]').click();
  await expect(item.locator('.field-error')).toContainText('快递公司');
  await item.locator(`input[id$="-carrier"]`).fill('顺丰速运');
  await item.locator(`input[id$="-tracking"]`).fill('SF1122334455');
  await item.locator('[data-action="ship"]').click();
  await expect(ops.page.locator(`#ops-paper .ops-item[data-number="${number}"]`)).toHaveCount(0);
  // The operator's action is in the contract's timeline, as the operator's.
  await ops.page.goto(`/ops/contracts/${number}`);
  await hydrated(ops.page);
  await expect(ops.page.locator('#timeline')).toContainText('纸质合同已寄出');
  await expect(ops.page.locator('#timeline')).toContainText('服务商运营');
  await ops.context.close();

  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('status')).toContainText('纸质合同已寄出');
  await expect(page.locator('#paper-carrier')).toHaveText('顺丰速运');
  await expect(page.locator('#paper-tracking')).toHaveText('SF1122334455');
});

test('offline stamping: submitted, received, counter-stamped and returned with a tracking number', async ({ page, browser }) => {
  const number = await effectiveFramework(page, uniqueLogin('stamp'), '黄河示例印务（郑州）有限公司');
  await page.locator('#open-stamping').click();
  await expect(page.locator('#provider-mailing')).not.toBeEmpty();
  await page.getByLabel('3 份').check();
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.locator('#stamping-confirmed-error')).toContainText('加盖公章');
  await page.locator('#stamping-confirmed').check();
  await page.locator('#f-courier').fill('中通快递');
  await page.locator('#f-tracking_no').fill('ZT2026113001');
  await fillMailing(page, 'return');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const progress = page.locator('#stamping .stamping');
  await expect(progress.locator('[data-step="submitted"]')).not.toHaveClass(/todo/);
  await expect(progress.locator('[data-step="received"]')).toHaveClass(/todo/);

  const ops = await asOperator(browser);
  const item = () => ops.page.locator(`#ops-stamping .ops-item`).filter({ hasText: number });
  await expect(item()).toContainText('ZT2026113001');
  await item().locator('[data-action="received"]').click();
  await expect(item()).toHaveAttribute('data-status', 'received');
  await item().locator('[data-action="stamped"]').click();
  await expect(item()).toHaveAttribute('data-status', 'stamped');
  await item().locator(`input[id$="-carrier"]`).fill('中通快递');
  await item().locator(`input[id$="-tracking"]`).fill('ZT2026120188');
  await item().locator('[data-action="returned"]').click();
  await expect(item()).toHaveCount(0);
  await ops.context.close();

  await page.reload();
  await hydrated(page);
  for (const step of ['submitted', 'received', 'stamped', 'returned']) {
    await expect(progress.locator(`[data-step="${step}"]`)).not.toHaveClass(/todo/);
  }
  await expect(page.locator('#stamping-return')).toContainText('ZT2026120188');
  await expect(page.locator('#timeline')).toContainText('线下盖章：已寄回');
});

test('a customer opening the operator console gets 404', async ({ page }) => {
  await login(page, 'new_demo');
  const response = await page.goto('/ops');
  expect(response?.status()).toBe(404);
  await expect(page.locator('#not-found')).toBeVisible();
  const api = await page.request.post('/fn/ops', { data: {}, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  expect(api.status()).toBe(404);
});
