import { test, expect } from './fixtures';
import { hydrated, plainHtml } from './helpers';

test.describe('public pages without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  const pages = [
    { path: '/', heading: '合同中心', title: /签约/ },
    { path: '/guide', heading: '申请指引', title: /申请指引/ },
    { path: '/faq', heading: '常见问题', title: /常见问题/ },
    { path: '/templates', heading: '合同模板', title: /合同模板/ },
  ];
  for (const p of pages) {
    test(`${p.path} renders on the server`, async ({ page }) => {
      const response = await page.goto(p.path);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(p.title);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(p.heading);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description?.length ?? 0).toBeGreaterThan(10);
    });
  }

  test('the guide draws the application flow as inline SVG', async ({ page }) => {
    await page.goto('/guide');
    const svg = page.locator('.flow-diagram svg');
    await expect(svg).toBeVisible();
    await expect(svg.locator('text').first()).toHaveText('完成实名认证');
  });

  test('FAQ answers open without script', async ({ page }) => {
    await page.goto('/faq');
    const first = page.locator('.faq-list details').first();
    await first.locator('summary').click();
    await expect(first.locator('.faq-answer')).toBeVisible();
  });

  test('an unknown page is a 404', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
  });
});

test('contract templates: each type links its current template as a sample PDF', async ({ page }) => {
  await page.goto('/');
  await plainHtml(page);
  await page.getByRole('navigation').getByRole('link', { name: '合同模板' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('合同模板');
  const cards = page.locator('.template');
  await expect(cards).toHaveCount(4);
  for (const [kind, label] of [['framework', '框架合同'], ['order', '订单合同'], ['filing', '备案合同'], ['recharge', '充值合同']]) {
    const card = page.locator(`.template[data-kind="${kind}"]`);
    await expect(card.getByRole('heading')).toHaveText(label);
    await expect(card).toContainText(`${kind}-2026.1`);
    const href = await card.getByRole('link', { name: '查看模板（PDF）' }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  }
  // In the running app the link opens the file, not a page of the app's router.
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.locator('.template[data-kind="order"]').getByRole('link', { name: '查看模板（PDF）' }).click(),
  ]);
  expect(popup.url()).toContain('/templates/order.pdf');
});

test('the console menu button toggles the navigation on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/login');
  await page.getByLabel('登录名').fill('ind_demo');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('密码').fill('Qianyue-2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/contracts');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const nav = page.locator('nav.sidenav');
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: '菜单' }).click();
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link', { name: '甲方信息' })).toBeVisible();
});

test('the bundle loads under its content-hashed name, compressed and cached for good', async ({ page, request }) => {
  const loaded: { url: string; encoding?: string; cache?: string }[] = [];
  page.on('response', (res) => {
    if (res.url().includes('/pkg/')) {
      const headers = res.headers();
      loaded.push({ url: res.url(), encoding: headers['content-encoding'], cache: headers['cache-control'] });
    }
  });
  // A page of the app (the public pages do not load the bundle at all: the next test).
  const response = await page.goto('/login');
  expect(response?.headers()['cache-control']).toBe('no-cache');
  await hydrated(page);
  const names = loaded.map((l) => new URL(l.url).pathname).sort();
  // The bundle's folder is named after the hash of its files (scripts/build.sh); the
  // sign-in page's code is in the main module, so no page piece is fetched.
  expect(names).toEqual([
    expect.stringMatching(/^\/pkg\/[0-9a-f]{16}\/__wasm_split\.js$/),
    expect.stringMatching(/^\/pkg\/[0-9a-f]{16}\/qianyue\.css$/),
    expect.stringMatching(/^\/pkg\/[0-9a-f]{16}\/qianyue\.js$/),
    expect.stringMatching(/^\/pkg\/[0-9a-f]{16}\/qianyue_bg\.wasm$/),
  ]);
  expect(new Set(names.map((n) => n.split('/')[2])).size).toBe(1);
  for (const l of loaded) {
    // Chromium offers brotli over HTTPS only; on the tests' plain http, gzip.
    expect(['br', 'gzip'], l.url).toContain(l.encoding);
    expect(l.cache, l.url).toBe('public, max-age=31536000, immutable');
  }
  const wasm = loaded.find((l) => l.url.endsWith('.wasm'))!.url;
  const br = await request.get(wasm, { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(br.headers()['content-encoding']).toBe('br');
  const gzip = await request.get(wasm, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await request.get(wasm, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
});

// Issue 13: what a public page transfers before it is interactive is at most 150 KB
// compressed, all included. They are plain HTML and CSS (app/src/ssr.rs
// `is_plain_html_page`): no script of the bundle is requested at all.
test('public pages are plain HTML: no bundle, at most 150 KB on the wire', async ({ page }) => {
  for (const path of ['/', '/guide', '/faq', '/templates', '/verify']) {
    const requests: import('@playwright/test').Request[] = [];
    page.on('requestfinished', (r) => requests.push(r));
    await page.goto(path);
    await plainHtml(page);
    page.removeAllListeners('requestfinished');
    const urls = requests.map((r) => new URL(r.url()).pathname);
    expect(urls.filter((u) => u.endsWith('.js') || u.endsWith('.wasm')), path).toEqual([]);
    let bytes = 0;
    for (const r of requests) {
      const sizes = await r.sizes();
      bytes += sizes.responseHeadersSize + sizes.responseBodySize;
    }
    expect(bytes, `${path}: ${urls.join(', ')}`).toBeGreaterThan(1_000);
    expect(bytes, `${path}: ${urls.join(', ')}`).toBeLessThanOrEqual(150_000);
  }
});
