import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { apiKey, confirmDialog, DEMO_PASSWORD, effectiveFramework, hydrated, login, uniqueLogin, validUscc } from './helpers';

// After signing: paper contracts (R13) and offline stamping (R14) on a new account's
// effective framework contract, with the provider's operator (ops_demo) on the other
// side in the operator console (/ops).

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
  // Operators land on their console.
  await login(page, 'ops_demo', DEMO_PASSWORD, '/ops');
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
  // The queue's filter shows it among the shipped ones.
  await ops.page.locator('#paper-filter').selectOption('shipped');
  await expect(ops.page.locator(`#ops-paper .ops-item[data-number="${number}"]`)).toContainText('SF1122334455');
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
  // The site's ordinary 404 page: nothing of the operator console shows.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  await expect(page.getByText('运营控制台')).toHaveCount(0);
  const api = await page.request.post('/fn/ops', { data: { paper: null, stamping: null }, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  expect(api.status()).toBe(404);
});

test('subject change from the billing API: creation refused until the operator records the supplement', async ({ page, browser, request }) => {
  const loginName = uniqueLogin('rename');
  await effectiveFramework(page, loginName, '珠江示例传媒（广州）有限公司');
  const key = apiKey();
  const api = (method: 'put' | 'post', url: string, data: object) =>
    request[method](url, { data, headers: { Authorization: `Bearer ${key}` } });
  const external = `ext-${loginName}`;
  // The billing system links its account and reports the new verified name (R2).
  const renamed = await api('put', `/api/v1/accounts/${external}`, {
    login: loginName, kind: 'enterprise', verified: true,
    subject_name: '珠江数字传媒（广州）股份有限公司', id_number: validUscc(),
  });
  expect(renamed.status()).toBe(200);
  expect((await renamed.json()).subject_hold).toBe(true);
  const orderNo = `ORD-${loginName}`.slice(0, 64);
  const pushed = await api('post', '/api/v1/orders', { items: [{
    order_no: orderNo, account: external, product: '云服务器 CVM', billing_mode: 'prepaid',
    amount_fen: 880000, created_at: Date.now() - 86_400_000 }] });
  expect(pushed.status()).toBe(200);

  await page.goto('/contracts/new/order');
  await hydrated(page);
  await expect(page.locator('.alert-warning')).toContainText('权利义务转让补充协议');

  const ops = await asOperator(browser);
  const hold = ops.page.locator(`#ops-holds .ops-item[data-login="${loginName}"]`);
  await expect(hold).toContainText('珠江数字传媒（广州）股份有限公司');
  await hold.locator('select').selectOption('rename_letter');
  await hold.locator('input').fill('工商更名函已核验');
  await hold.locator('[data-action="resolve"]').click();
  await expect(hold).toHaveCount(0);
  await ops.context.close();

  // Creation works again, with the order the billing system pushed.
  await page.goto('/contracts/new/order');
  await hydrated(page);
  await page.locator('#picker-search').fill(orderNo);
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator(`#picker tr[data-ref="${orderNo}"] input[type=checkbox]`).check();
  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  await expect(page.locator('#party-a-name')).toHaveText('珠江数字传媒（广州）股份有限公司');
});

test('the operator creates API keys (password again; full or read-only, with an expiry), then revokes one', async ({ browser, request }) => {
  const ops = await asOperator(browser);
  const keys = ops.page.locator('#ops-keys');
  await ops.page.locator('#api-key-name').fill('x');
  await ops.page.locator('#api-key-password').fill(DEMO_PASSWORD);
  await ops.page.locator('#api-key-create').click();
  await expect(keys.locator('.field-error')).toContainText('2–50');

  // A wrong password makes no key.
  const name = uniqueLogin('billing');
  await ops.page.locator('#api-key-name').fill(name);
  await ops.page.locator('#api-key-password').fill('Not-the-password-1');
  await ops.page.locator('#api-key-create').click();
  await expect(ops.page.locator('#api-key-password-error')).toHaveText('当前密码不正确');
  await expect(ops.page.locator('#api-keys tr').filter({ hasText: name })).toHaveCount(0);

  await ops.page.locator('#api-key-password').fill(DEMO_PASSWORD);
  await ops.page.locator('#api-key-create').click();
  const key = (await ops.page.locator('#api-key-new').textContent())!.trim();
  expect(key).toMatch(/^qy_[0-9a-f]{64}$/);
  await expect(ops.page.locator('#api-key-password')).toHaveValue('');
  const events = (k: string) => request.get('/api/v1/events', { headers: { Authorization: `Bearer ${k}` } });
  expect((await events(key)).status()).toBe(200);
  const row = ops.page.locator('#api-keys tr').filter({ hasText: name });
  await expect(row).toContainText('完全访问');
  await expect(row).toContainText('长期有效');
  await row.locator('[data-action="revoke"]').click();
  await expect(row).toContainText('已吊销');
  expect((await events(key)).status()).toBe(401);

  // A read-only key for 30 days reads the feed and may not push orders.
  const reporting = uniqueLogin('report');
  await ops.page.locator('#api-key-name').fill(reporting);
  await ops.page.locator('#api-key-scope').selectOption('read');
  await ops.page.locator('#api-key-validity').selectOption('30');
  await ops.page.locator('#api-key-password').fill(DEMO_PASSWORD);
  await ops.page.locator('#api-key-create').click();
  const readRow = ops.page.locator('#api-keys tr').filter({ hasText: reporting });
  await expect(readRow).toContainText('只读');
  await expect(readRow).toContainText('到期');
  const readKey = (await ops.page.locator('#api-key-new').textContent())!.trim();
  expect(readKey).not.toBe(key);
  expect((await events(readKey)).status()).toBe(200);
  const push = await request.post('/api/v1/orders', {
    headers: { Authorization: `Bearer ${readKey}` },
    data: { items: [] },
  });
  expect(push.status()).toBe(403);
  expect((await push.json()).error).toBe('forbidden');
  await ops.context.close();
});
