import { test, expect } from './fixtures';
import { checkArchive, DEMO_PASSWORD, effectiveFramework, expectAccessible, hydrated, login, uniqueLogin } from './helpers';

// Operators' exports (issue 31): the operator exports the documents of the contracts a
// search finds; a background step writes the archive; the console follows it until it
// can be downloaded. Python's zipfile checks the archive against its manifest.

test('operators export the documents a search finds as one archive, in Chinese and English', async ({ page, browser }) => {
  const customer = uniqueLogin('export');
  const number = await effectiveFramework(page, customer, '导出示例数据（苏州）有限公司');

  const context = await browser.newContext();
  const ops = await context.newPage();
  await login(ops, 'ops_demo', DEMO_PASSWORD, '/ops');
  await ops.locator('#ops-login').fill(customer);
  await ops.locator('#ops-contracts').getByRole('button', { name: '查询' }).click();
  await expect(ops.locator('#ops-results tbody tr')).toHaveCount(1);
  const card = ops.locator('#ops-exports');
  await card.getByRole('button', { name: '导出查询结果' }).click();
  await expect(ops.locator('.toast-success')).toHaveText('已开始导出');
  const row = card.locator('#exports tbody tr').first();
  await expect(row).toContainText(customer);
  // Written in the background; the list follows it.
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(row).toContainText('已完成');
  await expectAccessible(ops, 'the operator console with an export');
  const id = await row.getAttribute('data-export');

  const download = ops.waitForEvent('download');
  await row.getByRole('link', { name: '下载' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`合同导出-${id}.zip`);
  const zh = await checkArchive(saved);
  expect(zh.ok).toBe(true);
  expect(zh.names).toEqual([`${number}_框架合同.pdf`, 'manifest.csv']);
  expect(zh.header[0]).toBe('合同编号');

  // The customer cannot fetch it: the console's files are not theirs.
  expect((await page.request.get(`/ops/exports/${id}.zip`)).status()).toBe(404);

  // In English: the manifest in the language the export was asked in.
  await ops.goto('/ops?lang=en');
  await hydrated(ops);
  await ops.locator('#ops-login').fill(customer);
  await ops.locator('#ops-contracts').getByRole('button', { name: 'Search' }).click();
  await ops.locator('#ops-exports').getByRole('button', { name: 'Export results' }).click();
  await expect(ops.locator('.toast-success')).toHaveText('Export started');
  const en = ops.locator('#ops-exports #exports tbody tr').first();
  await expect(en).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(en).toContainText('Done');
  const english = ops.waitForEvent('download');
  await en.getByRole('link', { name: 'Download' }).click();
  const checked = await checkArchive(await english);
  expect(checked.ok).toBe(true);
  expect(checked.header[0]).toBe('Contract number');
  await context.close();
});
