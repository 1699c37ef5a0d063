import { test, expect } from './fixtures';
import { Page, Download } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { confirmDialog, deleteContract, expectAccessible, fillPartyA, hydrated, login, pickerRow, piecesFetched, pyhankoVerdict, startDual, devOutbox } from './helpers';

// The dual-party e-signature channel (双方电子签章), end to end. Codes are read from the
// dev SMS outbox (/dev/outbox, on in the test server), as a person reads their phone.
// esign_demo (an enterprise) and ind_demo (an individual) are used only here.
test.describe.configure({ mode: 'serial' });

const ADMIN_PHONE = '13900000011';
const SIGNER_PHONE = '13900000012';
const INDIVIDUAL_PHONE = '13900000021';

/** The code of the `nth` message to `phone` (waiting for it to arrive). */
async function codeFor(page: Page, phone: string, nth = 1): Promise<string> {
  let rows: string[] = [];
  await expect
    .poll(async () => {
      const html = await devOutbox(page);
      rows = html.split('<tr').filter((r) => r.includes(`data-phone="${phone}"`));
      return rows.length;
    })
    .toBeGreaterThanOrEqual(nth);
  // Newest first.
  const code = rows[rows.length - nth].match(/验证码 (\d{6})/)?.[1];
  expect(code, `a code sent to ${phone}`).toBeTruthy();
  return code!;
}

async function savePdf(download: Download): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qy-dual-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return file;
}

test('enterprise: activate e-sign, approve a signer, sign an order contract with the e-seal', async ({ page }) => {
  await login(page, 'esign_demo');

  // Until e-sign is active the dual channel is greyed out, with the reason and a link.
  await page.goto('/contracts/new/framework');
  await hydrated(page);
  await expect(page.getByLabel('双方电子签章')).toBeDisabled();
  await expect(page.locator('#dual-reason')).toContainText('需要先开通电子签署');

  // The framework contract (R4's prerequisite) on the single channel.
  await page.locator('#f-address').fill('浙江省杭州市西湖区示例路 1 号');
  await page.locator('#f-contact').fill('陈六');
  await page.locator('#f-phone').fill('13800138001');
  await page.locator('#f-email').fill('contracts@yunfan.example.cn');
  await page.locator('#f-postcode').fill('310000');
  await page.locator('#f-confirmed').check();
  await page.getByRole('button', { name: '保存合同草稿' }).click();
  await page.waitForURL(/\/contracts\/QY-/);
  await hydrated(page);
  await expect(page.getByTestId('status')).toContainText('合同草稿已生成');
  await page.getByRole('button', { name: '转为正式合同' }).click();
  await confirmDialog(page, '转为正式合同');
  await expect(page.getByTestId('status')).toContainText('已生效');

  // Activation: the administrator's phone gets the code.
  await page.goto('/esign');
  await hydrated(page);
  await page.getByLabel('管理员姓名').fill('李管理');
  await page.getByLabel('管理员手机号').fill('010-1234567');
  await page.locator('#esign-send-code').click();
  await expect(page.locator('#f-phone-error')).toContainText('11 位中国大陆手机号');
  await page.getByLabel('管理员手机号').fill(ADMIN_PHONE);
  await page.locator('#esign-send-code').click();
  await page.getByLabel('短信验证码').fill(await codeFor(page, ADMIN_PHONE));
  await page.getByRole('button', { name: '开通电子签署' }).click();
  await expect(page.locator('#esign-info')).toContainText('李管理');
  await expect(page.locator('svg.seal')).toHaveAttribute('data-seal', '云帆示例信息技术（杭州）有限公司');

  // A new signer waits for the administrator's approval (with a code of their own).
  await page.getByLabel('签署人姓名').fill('王五');
  await page.getByLabel('签署人手机号').fill(SIGNER_PHONE);
  await page.getByRole('button', { name: '添加签署人' }).click();
  await expect(page.locator('#signers')).toContainText('待审批');
  const approval = page.locator('#approvals .approval').first();
  await approval.locator('[data-action="send-code"]').click();
  await approval.locator('input').fill(await codeFor(page, ADMIN_PHONE, 2));
  await approval.locator('[data-action="approve"]').click();
  await expect(page.locator('#signers tbody tr').filter({ hasText: '王五' })).toContainText('已授权');

  // An order contract on the dual channel, step by step.
  const number = await startDual(page, 'order', 2);
  await fillPartyA(page);
  await page.locator('#dual-signer label').filter({ hasText: '王五' }).locator('input').check();
  await page.getByRole('button', { name: '确认签署信息并发送验证码' }).click();
  await expect(page.locator('#dual-sign')).toBeVisible();
  await expect(page.locator('#signer-phone')).toHaveText('139****0012');
  // Resend waits 60 s: the button counts down.
  const resend = page.locator('#resend-code');
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^重新发送（\d+s）$/);
  const seconds = async () => Number((await resend.textContent())!.match(/\d+/)![0]);
  const before = await seconds();
  await expect.poll(seconds).toBeLessThan(before);
  await expect(page.locator('#dual-sign svg.seal')).toBeVisible();
  await page.getByLabel('短信验证码').fill(await codeFor(page, SIGNER_PHONE));
  // 催签: a reminder to the signer, then not again within the hour.
  await page.locator('#remind').click();
  await expect(page.locator('#remind')).toBeDisabled();
  await expect
    .poll(async () => (await devOutbox(page)).includes('等待您签署'))
    .toBe(true);
  await page.locator('#sign-submit').click();
  // No cancelling once signed; the provider counter-signs in the background.
  await expect(page.getByTestId('status')).toContainText('已生效 / 电子合同已生效');
  await expect(page.locator('button[data-op="cancel_signing"]')).toHaveCount(0);
  await expect(page.locator('#dual-steps .step.done')).toHaveCount(6);
  await expect(page.locator('#timeline')).toContainText('客户签署');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载正式合同' }).click();
  const file = await savePdf(await download);
  expect(path.basename(file)).toBe(`${number}-正式合同.pdf`);
  // Two signatures verify (pdfsig, from poppler-utils): the customer's own, with an
  // event certificate naming this contract, then the provider's over it.
  const signatures = execFileSync('pdfsig', [file]).toString();
  expect(signatures.match(/Signature is Valid/g)).toHaveLength(2);
  expect(signatures.indexOf('Field Name: PartyASignature')).toBeGreaterThan(-1);
  expect(signatures.indexOf('Field Name: PartyASignature')).toBeLessThan(
    signatures.indexOf('Field Name: Signature1'),
  );
  expect(signatures).toContain(`OU=${number}`);
  // pyHanko, trusting only the provider's CA: both valid long-term (B-LTA), the customer's
  // first. (Run as a production server would be, the same: tests/it/sealing.rs.)
  const verdict = await pyhankoVerdict(page, file);
  expect(verdict).toMatch(/^PartyASignature:[0-9a-f]+:VALID\nSignature1:[0-9a-f]+:VALID\n?$/);
  const text = execFileSync('pdftotext', [file, '-']).toString();
  expect(text).toContain('客户签署');
  expect(text).toContain('139****0012');
});

test('individual: draw a signature and sign a framework contract', async ({ page }) => {
  const pieces = piecesFetched(page);
  await login(page, 'ind_demo');
  await startDual(page, 'framework');
  // The dual-signing steps and the signature pad are a piece of the bundle of their own.
  expect(pieces).toContain('dual_panel');
  await fillPartyA(page);
  // Individuals sign themselves and may change the phone that receives the code.
  await expect(page.getByLabel('签署人手机号')).toHaveValue('13800138001');
  await page.getByLabel('签署人手机号').fill(INDIVIDUAL_PHONE);
  await page.getByRole('button', { name: '确认签署信息并发送验证码' }).click();
  await expect(page.locator('#dual-sign')).toBeVisible();
  await expectAccessible(page, 'the signing step');

  // An empty drawing is refused in the page, before anything is sent.
  await page.getByLabel('短信验证码').fill(await codeFor(page, INDIVIDUAL_PHONE, 1));
  await page.locator('#sign-submit').click();
  await expect(page.locator('#f-signature-error')).toHaveText('请在签名区域内手写签名');

  // Draw with the mouse (pointer events), as a finger would.
  const pad = page.locator('#signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [[0.25, 0.3], [0.4, 0.7], [0.55, 0.35], [0.7, 0.65], [0.85, 0.4]]) {
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 5 });
  }
  await page.mouse.up();
  await page.locator('#sign-submit').click();
  await expect(page.getByTestId('status')).toContainText('已生效 / 电子合同已生效');
  await expect(page.locator('#timeline')).toContainText('客户签署');
});

test('a wrong code five times locks it; cancel signing voids, delete releases the orders', async ({ page }) => {
  await login(page, 'ind_demo');
  const number = await startDual(page, 'order', 1);
  const reference = (await page.locator('#items tbody tr td').first().textContent())!.trim();
  // Leaving and coming back continues at the same step, from the records list.
  await page.goto('/contracts');
  await hydrated(page);
  await page.locator(`tr[data-number="${number}"] a[data-action="continue"]`).click();
  await hydrated(page);
  await expect(page.locator('#dual-steps .step.current')).toContainText('填写甲方信息');
  await fillPartyA(page);
  await page.getByLabel('签署人手机号').fill(INDIVIDUAL_PHONE);
  await page.getByRole('button', { name: '确认签署信息并发送验证码' }).click();
  await expect(page.locator('#dual-sign')).toBeVisible();

  const right = await codeFor(page, INDIVIDUAL_PHONE, 2);
  const wrong = right === '000000' ? '111111' : '000000';
  const pad = page.locator('#signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  const code = page.getByLabel('短信验证码');
  for (const left of [4, 3, 2, 1]) {
    await code.fill(wrong);
    await page.locator('#sign-submit').click();
    await expect(page.locator('#f-code-error')).toHaveText(`验证码错误，还可尝试 ${left} 次`);
  }
  await code.fill(wrong);
  await page.locator('#sign-submit').click();
  await expect(page.locator('#f-code-error')).toHaveText('验证码错误次数过多，已失效，请重新获取');
  // Locked: even the right code is refused now.
  await code.fill(right);
  await page.locator('#sign-submit').click();
  await expect(page.locator('#f-code-error')).toHaveText('验证码错误次数过多，已失效，请重新获取');

  // 取消签署 → 取消中 → 已作废 (background); the orders stay held until deleted.
  await page.getByRole('button', { name: '取消签署' }).click();
  await confirmDialog(page, '取消签署');
  await expect(page.getByTestId('status')).toContainText('已作废');
  await expect(await pickerRow(page, reference)).toContainText(`已在合同 ${number} 中`);

  await deleteContract(page, number);
  await expect((await pickerRow(page, reference)).locator('input[type=checkbox]')).toBeEnabled();
});
