import { test, expect } from '@playwright/test';

test.describe('public pages without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  const pages = [
    { path: '/', heading: '合同中心', title: /签约/ },
    { path: '/guide', heading: '申请指引', title: /申请指引/ },
    { path: '/faq', heading: '常见问题', title: /常见问题/ },
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
