import { test, expect } from './fixtures';
import { Page, Download } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { confirmDialog, deleteContract, expectAccessible, hydrated, login, pickerRow, pyhankoVerdict } from './helpers';

// One account (ent_demo: verified, party A filled in, seeded orders, filings and
// recharge records) walks through every single-channel flow in order: the framework
// contract first, because the others need it to be effective (R4).
test.describe.configure({ mode: 'serial' });

let frameworkNumber = '';
let formalPdf: Buffer = Buffer.alloc(0);

async function expectPdf(download: Download, filename: RegExp): Promise<Buffer> {
  expect(download.suggestedFilename()).toMatch(filename);
  const saved = await download.path();
  // Read it now: Playwright deletes downloads with the test's browser context.
  const bytes = fs.readFileSync(saved);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return bytes;
}

async function saveDraft(page: Page): Promise<string> {
  await page.locator('#f-confirmed').check();
  await page.getByRole('button', { name: '保存合同草稿' }).click();
  await page.waitForURL(/\/contracts\/QY-\d{8}-\d{6}$/);
  await hydrated(page);
  return (await page.locator('#contract-number').textContent())!.trim();
}

test('framework contract: draft generated in the background, converted, effective, PDFs downloaded', async ({ page }) => {
  await login(page, 'ent_demo');
  await page.locator('.create-option a[data-kind="framework"]').click();
  await hydrated(page);
  // Party A is filled in from the profile; the name is locked.
  await expect(page.locator('#party-a-name')).toHaveText('星河示例数字科技（上海）有限公司');
  await expect(page.getByLabel('联系人')).toHaveValue('张三');
  // The confirmation is required.
  await page.getByRole('button', { name: '保存合同草稿' }).click();
  await expect(page.locator('#f-confirmed-error')).toHaveText('请确认甲方信息真实有效');
  frameworkNumber = await saveDraft(page);

  // The navigation shows the section the contract page belongs to.
  await expect(page.locator('nav.sidenav a[href="/contracts"]')).toHaveAttribute('aria-current', 'true');
  // The state changes without a reload: generating → generated.
  const status = page.getByTestId('status');
  await expect(status).toContainText('合同草稿已生成');
  const draft = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载合同草稿' }).click();
  await expectPdf(await draft, /-草稿\.pdf$/);

  await page.getByRole('button', { name: '转为正式合同' }).click();
  await expect(page.getByRole('dialog')).toContainText('不可作废');
  await confirmDialog(page, '转为正式合同');
  await expect(status).toContainText('已生效 / 电子合同已生效');
  // Effective: no void, no delete (R10).
  await expect(page.locator('button[data-op="void"]')).toHaveCount(0);
  await expect(page.locator('button[data-op="delete"]')).toHaveCount(0);
  const formal = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载正式合同' }).click();
  formalPdf = await expectPdf(await formal, new RegExp(`^${frameworkNumber}-正式合同\\.pdf$`));
  // pyHanko, trusting only the provider's CA: the provider's signature valid long-term.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qy-formal-')), 'formal.pdf');
  fs.writeFileSync(file, formalPdf);
  expect(await pyhankoVerdict(page, file)).toMatch(/^Signature1:[0-9a-f]+:VALID\n?$/);
  await expect(page.locator('#timeline')).toContainText('服务商签署，合同生效');
  // The preview shows the formal document in the page once opened.
  const preview = page.locator('#pdf-preview');
  await preview.locator('summary').click();
  const frame = preview.locator('iframe');
  await expect(frame).toBeVisible();
  const src = await frame.getAttribute('src');
  expect(src).toBe(`/contracts/${frameworkNumber}/pdf/formal?inline=1`);
  const shown = await page.request.get(src!);
  expect(shown.headers()['content-type']).toBe('application/pdf');
  expect(shown.headers()['content-disposition']).toMatch(/^inline;/);

  // The records list shows it with its state.
  await page.goto('/contracts');
  await expect(page.locator(`tr[data-number="${frameworkNumber}"]`)).toContainText('已生效');
});

test('the public verification page accepts the genuine PDF and rejects a tampered copy', async ({ browser }) => {
  // A visitor, signed out and without JavaScript: a plain form post.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const genuine = formalPdf;
  expect(genuine.length).toBeGreaterThan(1000);
  await page.goto('/verify');
  await page.getByLabel('合同编号').fill(frameworkNumber);
  await page.getByLabel('合同 PDF 文件').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: genuine });
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.locator('#verdict')).toContainText('真实有效');
  await expect(page.locator('#signature')).toContainText('有效');
  await expect(page.locator('#verify-details')).toContainText('框架合同');
  // Both parties (R20): party A masked, party B the provider.
  await expect(page.locator('#verify-details')).toContainText('乙方');
  await expect(page.locator('#verify-details')).toContainText('示例云计算有限公司');
  // What the holder's file proves on its own (issue 30): PAdES B-LTA, the signature's
  // trusted time in China time and the authority that stamped it.
  await expect(page.locator('#seal-level')).toContainText('PAdES B-LTA');
  await expect(page.locator('#trusted-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(page.locator('#tsa')).toContainText('Development TSA');
  // Which revision of the signed document the file is (archive renewals add more).
  await expect(page.locator('#revision')).toHaveText('第 1 版，共 1 版');

  const tampered = Buffer.from(genuine);
  tampered[Math.floor(tampered.length / 3)] ^= 0x01;
  await page.goto('/verify');
  await page.getByLabel('合同编号').fill(frameworkNumber);
  await page.getByLabel('合同 PDF 文件').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: tampered });
  await page.getByRole('button', { name: '验证' }).click();
  await expect(page.locator('#verdict')).toContainText('可能已被篡改');
  await expect(page.locator('#signature')).toContainText('签署后文件已被修改');
  await expect(page.locator('#seal-level')).toHaveCount(0);
  await expect(page.locator('#trusted-time')).toHaveCount(0);
  await expect(page.locator('#revision')).toHaveCount(0);
  // Without the contract's own document, nothing about the contract is shown.
  await expect(page.locator('#verify-details')).not.toContainText('框架合同');
  await expect(page.locator('#verify-details')).not.toContainText('星河');
  await expect(page.locator('#verify-details')).not.toContainText('乙方');
  await context.close();
});

test('order contract: search, an ineligible order explained, the 31st order refused, the total shown', async ({ page }) => {
  await login(page, 'ent_demo');
  await page.locator('.create-option a[data-kind="order"]').click();
  await hydrated(page);
  // The terms can be read before anything is created.
  await expect(page.locator('.template-note a')).toHaveAttribute('href', '/templates/order.pdf');

  // Search by product.
  await page.locator('#picker-search').fill('对象存储');
  await page.getByRole('button', { name: '查询' }).click();
  const rows = page.locator('#picker tbody tr');
  await expect(rows.first()).toContainText('对象存储');
  for (const text of await rows.allTextContents()) expect(text).toContain('对象存储');
  await expectAccessible(page, 'the item picker');

  // Monthly bills are listed, greyed, with the reason (R5).
  await page.locator('#picker-search').fill('');
  await page.locator('#picker-mode').selectOption('monthly_bill');
  await page.getByRole('button', { name: '查询' }).click();
  const monthly = rows.first();
  await expect(monthly).toHaveAttribute('aria-disabled', 'true');
  await expect(monthly).toContainText('月结账单暂不支持');
  await expect(monthly.locator('input[type=checkbox]')).toBeDisabled();

  // Pick 30 eligible orders, loading more pages as needed; the 31st is refused (R6).
  await page.locator('#picker-mode').selectOption('');
  await page.getByRole('button', { name: '查询' }).click();
  const free = page.locator('#picker tbody tr:not([aria-disabled="true"]) input[type=checkbox]:not(:checked)');
  let picked = 0;
  while (picked < 31) {
    if ((await free.count()) === 0) {
      await page.locator('#picker-more').click();
      continue;
    }
    // Pin this checkbox by id: `free` itself moves on once it is checked.
    const id = await free.first().getAttribute('id');
    const box = page.locator(`#${id}`);
    await box.click();
    if (picked < 30) {
      await expect(box).toBeChecked();
    } else {
      await expect(page.locator('#limit-error')).toHaveText('订单合同最多选择 30 个订单');
      await expect(box).not.toBeChecked();
    }
    picked++;
  }
  await expect(page.locator('#selection-summary')).toContainText('已选 30 / 30 个订单');
  const total = (await page.locator('#selection-total').textContent())!;
  expect(total).toMatch(/^[\d,]+\.\d{2} 元$/);

  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await expect(page.locator('#confirm-items tbody tr')).toHaveCount(30);
  await expect(page.locator('.total-line')).toContainText('人民币');
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  const number = await saveDraft(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await expect(page.locator('#items tbody tr')).toHaveCount(30);
  await expect(page.locator('#total')).toHaveText(total);
  await expect(page.locator('#total-capital')).toContainText('人民币');
  expect(number).not.toBe(frameworkNumber);
});

test('filing contract: filings picked, effective, with its one-year term', async ({ page }) => {
  await login(page, 'ent_demo');
  await page.locator('.create-option a[data-kind="filing"]').click();
  await hydrated(page);
  const boxes = page.locator('#picker tbody tr:not([aria-disabled="true"]) input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(page.locator('#selection-summary')).toContainText('已选 2 / 20 个备案');
  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await expect(page.locator('#confirm-items')).toContainText('ICP备');
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  await saveDraft(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await page.getByRole('button', { name: '转为正式合同' }).click();
  await confirmDialog(page, '转为正式合同');
  await expect(page.getByTestId('status')).toContainText('已生效');
  await expect(page.locator('#contract-info')).toContainText('到期日期');
  await expect(page.locator('#items tbody tr')).toHaveCount(2);
});

test('recharge contract: records picked and the total shown in capitals', async ({ page }) => {
  await login(page, 'ent_demo');
  await page.locator('.create-option a[data-kind="recharge"]').click();
  await hydrated(page);
  const boxes = page.locator('#picker tbody tr:not([aria-disabled="true"]) input[type=checkbox]');
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  await expect(page.locator('#selection-summary')).toContainText('已选 3 / 30 条充值记录');
  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  await saveDraft(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await expect(page.locator('#items tbody tr')).toHaveCount(3);
  await expect(page.locator('#total-capital')).toContainText(/人民币.+元/);
});

test('void then delete releases the order for a new contract', async ({ page }) => {
  await login(page, 'ent_demo');
  await page.locator('.create-option a[data-kind="order"]').click();
  await hydrated(page);
  // The order placed at the 2018-09-01 cut-off: eligible (R5), and older than the 30 the
  // order-contract test took.
  await page.locator('#picker-search').fill('20180901');
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('#picker tbody tr:not([aria-disabled="true"])').first();
  const reference = (await row.getAttribute('data-ref'))!;
  await row.locator('input[type=checkbox]').check();
  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  const number = await saveDraft(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');

  // While the contract exists (even voided) the order is occupied and says by whom.
  await page.getByRole('button', { name: '作废' }).click();
  await confirmDialog(page, '作废');
  await expect(page.getByTestId('status')).toContainText('已作废');
  await expect(await pickerRow(page, reference)).toContainText(`已在合同 ${number} 中`);

  await deleteContract(page, number);
  await expect(page.locator(`tr[data-number="${number}"]`)).toHaveCount(0);

  const freed = await pickerRow(page, reference);
  await expect(freed).not.toHaveAttribute('aria-disabled', 'true');
  await expect(freed.locator('input[type=checkbox]')).toBeEnabled();
});

test("another account's contract URL is not found", async ({ page, request }) => {
  expect(frameworkNumber).not.toBe('');
  await login(page, 'ind_demo');
  const response = await page.goto(`/contracts/${frameworkNumber}`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('#not-found')).toContainText('页面不存在');
  const pdf = await page.request.get(`/contracts/${frameworkNumber}/pdf/formal`);
  expect(pdf.status()).toBe(404);
  // Signed out, the document is not served either.
  const anonymous = await request.get(`/contracts/${frameworkNumber}/pdf/formal`, { maxRedirects: 0 });
  expect([303, 401]).toContain(anonymous.status());
});
