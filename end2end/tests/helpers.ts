import { APIRequestContext, Download, expect, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const DEMO_PASSWORD = 'Qianyue-2026';

/** A login nobody else uses, so tests can run in parallel on one database. */
export function uniqueLogin(prefix: string): string {
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  return `${prefix}_${stamp}`.slice(0, 32);
}

/** Collects what the page throws and does not catch: a hydration mismatch or any other
 *  panic of the WebAssembly bundle traps, and the trap reaches the page as an error. */
export function uncaughtErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(`${page.url()}: ${e.message}`));
  return errors;
}

/** Waits until a public page has loaded, and checks it is plain HTML: the public pages are
 *  sent without the WebAssembly bundle (app/src/ssr.rs `is_plain_html_page`), so nothing
 *  preloads or starts it. */
export async function plainHtml(page: Page) {
  await page.waitForLoadState('load');
  await expect(page.locator('link[rel="modulepreload"], link[rel="preload"], script[type="module"]')).toHaveCount(0);
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
}

/** Waits until the WebAssembly bundle has hydrated the page (frontend/src/lib.rs). */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

/** The pieces of the bundle a page fetched (issue 13; app/src/routes.rs and
 *  app/src/components/deferred.rs), by name: a page's piece by its page
 *  (`pack_ops.wasm`, or `split___ops_route_view_….wasm` → `ops`), a part by its own (`split_dual_panel_….wasm`
 *  → `dual_panel`). Each must have been found. */
export function piecesFetched(page: Page): string[] {
  const pieces: string[] = [];
  page.on('response', (res) => {
    const piece = pieceOf(res.url());
    if (piece) {
      expect(res.status(), res.url()).toBe(200);
      pieces.push(piece);
    }
  });
  return pieces;
}

/** The bundle piece a URL fetches (`contract_detail`, `item_picker`), if it is one: a
 *  page's piece comes as one module with its chunks (scripts/wasm-packs.py), a part shown
 *  later in its own. The names are scripts/wasm_split_loader.py's `page` and `part`. */
export function pieceOf(url: string): string | undefined {
  const path = new URL(url).pathname;
  const piece = path.match(/\/split_(\w+?)_\d+\.wasm$/) ?? path.match(/\/pack_(\w+)\.wasm$/);
  return piece?.[1].replace(/^_+/, '').replace(/_route_view$/, '');
}

/** Signs in; customers land on the contract home, operators (`landing: '/ops'`) on theirs. */
export async function login(page: Page, loginName: string, password = DEMO_PASSWORD, landing = '/contracts') {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('登录名').fill(loginName);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`**${landing}`);
  await hydrated(page);
}

export async function register(page: Page, kind: 'enterprise' | 'individual', loginName: string, password = DEMO_PASSWORD) {
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel(kind === 'enterprise' ? '企业' : '个人').check();
  await page.getByLabel('登录名').fill(loginName);
  await page.locator('#f-password').fill(password);
  await page.getByLabel('确认密码').fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL('**/account');
  await hydrated(page);
}

/** A unified social credit code with a correct GB 32100 check character. */
export function validUscc(body17 = '91310115MA1H7GXX0'): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(body17[i]) * weights[i];
  return body17 + chars[(31 - (sum % 31)) % 31];
}

/** Demo real-name verification from the account page. */
export async function verify(page: Page, kind: 'enterprise' | 'individual', subject: string) {
  await page.goto('/account');
  await hydrated(page);
  await page.getByLabel(kind === 'enterprise' ? '企业名称' : '姓名').fill(subject);
  await page
    .getByLabel(kind === 'enterprise' ? '统一社会信用代码' : '身份证号码')
    .fill(kind === 'enterprise' ? validUscc() : '11010519491231002X');
  await page.getByRole('button', { name: '提交认证' }).click();
  await expect(page.locator('#realname-status')).toHaveText('已实名认证');
}

export async function confirmDialog(page: Page, button: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

/** A new verified enterprise with an effective framework contract; returns its number. */
export async function effectiveFramework(page: Page, loginName: string, subject: string): Promise<string> {
  await register(page, 'enterprise', loginName);
  await verify(page, 'enterprise', subject);
  await page.goto('/contracts/new/framework');
  await hydrated(page);
  return effectiveFromPartyAStep(page);
}

/** From the wizard's party A step of a new account (no profile yet): fills party A in,
 *  saves the draft, converts it and waits until it is effective; returns its number. */
export async function effectiveFromPartyAStep(page: Page): Promise<string> {
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


/** A new verified enterprise with an effective framework contract and one ICP filing
 *  from the billing API, then an effective filing contract over it; its number. */
export async function effectiveFiling(page: Page, request: APIRequestContext, prefix = 'expiry'): Promise<string> {
  const loginName = uniqueLogin(prefix);
  const subject = '到期示例网络（成都）有限公司';
  await effectiveFramework(page, loginName, subject);
  const external = `ext-${loginName}`;
  const auth = { Authorization: `Bearer ${apiKey()}` };
  const linked = await request.put(`/api/v1/accounts/${external}`, {
    headers: auth,
    data: { login: loginName, kind: 'enterprise', verified: true, subject_name: subject, id_number: validUscc() },
  });
  expect(linked.status()).toBe(200);
  const filed = await request.post('/api/v1/filings', {
    headers: auth,
    data: { items: [{ filing_no: `ICP-${loginName}`.slice(0, 64), account: external, site_name: '到期示例站',
      domain: 'expiry.example.cn', created_at: Date.now() - 30 * 86_400_000 }] },
  });
  expect(filed.status()).toBe(200);

  await page.goto('/contracts/new/filing');
  await hydrated(page);
  await page.locator('#picker tbody tr:not([aria-disabled="true"]) input[type=checkbox]').first().check();
  await page.getByRole('button', { name: '下一步：确认记录' }).click();
  await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  return effectiveFromPartyAStep(page);
}

/** The billing system's API key the test server created (scripts/e2e-server.sh). */
export function apiKey(): string {
  const port = process.env.QY_E2E_PORT ?? '3100';
  return fs.readFileSync(path.join(__dirname, '..', '..', 'target', `e2e-${port}`, 'api-key'), 'utf8').trim();
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now; a violation fails the test
 *  with the rule and the elements it found. */
export async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  expect(found, what).toEqual([]);
}

/** Two checks Lighthouse scores beyond WCAG 2.1 AA: headings go down one level at a
 *  time (axe's `heading-order`: screen-reader users navigate by the outline) and touch
 *  targets are at least 24 × 24 px (`target-size`, WCAG 2.2 AA). */
export async function expectHeadingsAndTargets(page: Page, what: string) {
  // As Lighthouse looks: a phone's width, where targets crowd.
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 412, height: 823 });
  const { violations } = await new AxeBuilder({ page }).withRules(['heading-order', 'target-size']).analyze();
  if (desktop) await page.setViewportSize(desktop);
  expect(violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`)), what).toEqual([]);
}

/** The order wizard's picker row of the order `reference`, found by searching for it. */
export async function pickerRow(page: Page, reference: string): Promise<Locator> {
  await page.goto('/contracts/new/order');
  await hydrated(page);
  await page.locator('#picker-search').fill(reference);
  await page.getByRole('button', { name: '查询' }).click();
  return page.locator(`#picker tr[data-ref="${reference}"]`);
}

/** Deletes a voided contract from its page; the browser returns to the contract home. */
export async function deleteContract(page: Page, number: string) {
  await page.goto(`/contracts/${number}`);
  await hydrated(page);
  await page.getByRole('button', { name: '删除' }).click();
  await confirmDialog(page, '删除');
  await page.waitForURL((url) => url.pathname === '/contracts');
}

/**
 * pyHanko's AdES verdict on a formal PDF (`FIELD:…:VALID|INVALID` lines), trusting only the
 * provider's CA as `/verify/ca.pem` serves it: the independent validator
 * `scripts/setup.sh --test` installs. As of a minute from now (pyHanko dates the file's last
 * store when it reads it).
 */
export async function pyhankoVerdict(page: Page, file: string): Promise<string> {
  const ca = path.join(path.dirname(file), 'ca.pem');
  fs.writeFileSync(ca, await (await page.request.get('/verify/ca.pem')).text());
  const pyhanko = path.join(__dirname, '..', '..', 'target', 'pyhanko-venv', 'bin', 'pyhanko');
  const at = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return execFileSync(pyhanko, [
    'sign', 'adesverify', '--executive-summary', '--trust-replace', '--trust', ca,
    '--validation-time', at, file,
  ], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 }).toString();
}

/** 填写甲方信息 on the contract page, then the draft is generated in the background. */
export async function fillPartyA(page: Page) {
  const form = page.locator('#dual-party-a');
  await expect(form).toBeVisible();
  await form.getByLabel('联系地址').fill('浙江省杭州市西湖区示例路 1 号');
  await form.getByLabel('联系人').fill('陈六');
  await form.getByLabel('联系电话').fill('13800138001');
  await form.getByLabel('电子邮箱').fill('contracts@yunfan.example.cn');
  await form.getByLabel('邮政编码').fill('310000');
  await page.locator('#f-confirmed').check();
  await form.getByRole('button', { name: '保存并生成合同草稿' }).click();
  // The step bar and panel move on by themselves once the draft exists.
  await expect(page.locator('#dual-text')).toBeVisible();
  await expect(page.locator('#dual-steps .step.current')).toContainText('确认合同文本内容');
  await expect(page.locator('#dual-text iframe.pdf-frame')).toHaveAttribute('src', /pdf\/draft\?inline=1$/);
  await page.getByRole('button', { name: '确认合同文本内容' }).click();
  await expect(page.locator('#dual-signer')).toBeVisible();
}

/** Starts a dual-channel contract of `kind` from the wizard; returns its number. */
export async function startDual(page: Page, kind: string, pickOrders = 0): Promise<string> {
  await page.goto(`/contracts/new/${kind}`);
  await hydrated(page);
  await page.getByLabel('双方电子签章').check();
  if (pickOrders > 0) {
    const free = page.locator('#picker tbody tr:not([aria-disabled="true"]) input[type=checkbox]:not(:checked)');
    for (let i = 0; i < pickOrders; i++) {
      const id = await free.first().getAttribute('id');
      await page.locator(`#${id}`).check();
    }
    await page.getByRole('button', { name: '下一步：确认记录' }).click();
    await page.getByRole('button', { name: '下一步：填写甲方信息' }).click();
  }
  await page.locator('#dual-start').click();
  await page.waitForURL(/\/contracts\/QY-\d{8}-\d{6}$/);
  await hydrated(page);
  await expect(page.locator('#dual-steps .step.current')).toContainText('填写甲方信息');
  return (await page.locator('#contract-number').textContent())!.trim();
}

/** Writes `value` (ms) into one column of contract `number` in the test server's SQLite
 *  database (scripts/e2e-server.sh), as time passing would: the server's clock cannot be
 *  moved from here. */
export function setContractTime(number: string, column: 'expires_at' | 'next_reminder_at' | 'signing_deadline_at', value: number) {
  const port = process.env.QY_E2E_PORT ?? '3100';
  const db = path.join(__dirname, '..', '..', 'target', `e2e-${port}`, 'e2e.db');
  const script = `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
n = c.execute("UPDATE contracts SET ${column} = ? WHERE number = ?", (int(sys.argv[3]), sys.argv[2])).rowcount
c.commit()
assert n == 1, n
`;
  execFileSync('python3', ['-c', script, db, number, String(value)], { timeout: 30_000 });
}

/** Switches the console's language from the account menu (kept in a cookie). */
export async function switchLanguage(page: Page, tag: 'en' | 'zh-CN') {
  await page.locator('.account-menu summary').click();
  await page.locator(`#lang-${tag}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', tag);
  await hydrated(page);
}

export interface Checked { names: string[]; header: string[]; rows: string[][]; ok: boolean }

/** The archive as Python's `zipfile` reads it: `testzip()` (every CRC), the manifest
 *  (UTF-8 with BOM), and whether every row's SHA-256 is its document's. */
export async function checkArchive(download: Download): Promise<Checked> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qy-archive-'));
  const file = path.join(dir, 'archive.zip');
  await download.saveAs(file);
  const script = `
import csv, hashlib, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
raw = z.read("manifest.csv")
assert raw.startswith(b"\\xef\\xbb\\xbf")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
names = z.namelist()
pdfs = [n for n in names if n.endswith(".pdf")]
ok = len(pdfs) == len(rows) - 1 and all(
    hashlib.sha256(z.read(next(n for n in pdfs if n.startswith(r[0] + "_")))).hexdigest() == r[6]
    for r in rows[1:])
print(json.dumps({"names": names, "header": rows[0], "rows": rows[1:], "ok": ok}))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { timeout: 60_000 }).toString());
}

/** The demo SMS outbox page's HTML. The server closes a kept-alive connection after 10 s
 *  idle (its header timeout, `server::serve`); a request sent on such a connection at that
 *  instant meets the close (ECONNRESET). A browser sends it again on a new connection;
 *  Playwright's request context does not, so this does, once. */
export async function devOutbox(page: Page): Promise<string> {
  try {
    return await (await page.request.get('/dev/outbox')).text();
  } catch (e) {
    if (!String(e).includes('ECONNRESET')) throw e;
    return await (await page.request.get('/dev/outbox')).text();
  }
}
