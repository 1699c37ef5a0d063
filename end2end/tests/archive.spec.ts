import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { checkArchive, effectiveFramework, expectAccessible, hydrated, uniqueLogin } from './helpers';

// 批量下载 (issue 31): a new account's documents chosen on the bulk download page and
// saved as one zip; Python's zipfile checks the archive and every document's SHA-256
// against the manifest.

async function openArchivePage(page: Page, lang?: string) {
  await page.goto(lang ? `/contracts/archive?lang=${lang}` : '/contracts/archive');
  await hydrated(page);
}

test('bulk download: chosen documents as one zip with a manifest of their hashes, in Chinese and English', async ({ page }) => {
  const number = await effectiveFramework(page, uniqueLogin('archive'), '档案示例科技（杭州）有限公司');

  // From the contract home.
  await page.goto('/contracts');
  await hydrated(page);
  await page.getByRole('link', { name: '批量下载' }).click();
  await page.waitForURL(/\/contracts\/archive$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: '批量下载', level: 1 })).toBeVisible();
  const row = page.locator(`tr[data-number="${number}"]`);
  await expect(row).toContainText('框架合同');
  const button = page.getByRole('button', { name: '下载所选' });
  await expect(button).toBeDisabled();
  await page.getByLabel('全选本页').check();
  await expect(page.locator('#archive-count')).toHaveText('已选 1 / 50');
  await expect(row.getByRole('checkbox')).toBeChecked();
  await expectAccessible(page, 'the bulk download page');

  const download = page.waitForEvent('download');
  await button.click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^合同文件-\d{8}-\d{4}\.zip$/);
  const zh = await checkArchive(saved);
  expect(zh.ok).toBe(true);
  expect(zh.names).toEqual([`${number}_框架合同.pdf`, 'manifest.csv']);
  expect(zh.header).toEqual(['合同编号', '合同类型', '状态', '文件', '生效时间（北京时间）', '合同金额（元）', 'SHA-256']);
  expect(zh.rows[0].slice(0, 4)).toEqual([number, '框架合同', '已生效', '正式合同']);
  // The page stayed: the download did not navigate.
  await expect(page).toHaveURL(/\/contracts\/archive$/);

  // In English, one row chosen by its own box.
  await openArchivePage(page, 'en');
  await expect(page.getByRole('heading', { name: 'Bulk download', level: 1 })).toBeVisible();
  await page.getByRole('checkbox', { name: number }).check();
  await expect(page.locator('#archive-count')).toHaveText('Selected 1 / 50');
  const english = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download selected' }).click();
  const en = await checkArchive(await english);
  expect(en.ok).toBe(true);
  expect(en.names).toContain(`${number}_Framework contract.pdf`);
  expect(en.header[0]).toBe('Contract number');
  expect(en.rows[0][2]).toBe('Effective');
});
