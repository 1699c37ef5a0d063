import { test, expect } from './fixtures';
import { hydrated, login, register, uniqueLogin, DEMO_PASSWORD } from './helpers';

test('register, log out, log back in', async ({ page }) => {
  const name = uniqueLogin('reg');
  await register(page, 'individual', name);
  await expect(page.locator('.account-menu summary')).toContainText(name);
  await expect(page.locator('#realname-status')).toHaveText('未实名认证');

  // Log out from the account menu: back on the public landing page, signed out.
  await page.locator('.account-menu summary').click();
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto('/contracts');
  await expect(page).toHaveURL(/\/login\?next=\/contracts$/);

  await login(page, name);
  await expect(page.getByRole('heading', { name: '合同管理' })).toBeVisible();
  await expect(page.locator('.account-menu summary')).toContainText(name);
});

test('registration errors are shown per field and keep the input', async ({ page }) => {
  await page.goto('/register');
  await hydrated(page);
  await page.getByLabel('登录名').fill('ent_demo'); // taken by the demo data
  await page.locator('#f-password').fill(DEMO_PASSWORD);
  await page.getByLabel('确认密码').fill('something-else-1');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.locator('#f-password_confirm-error')).toHaveText('两次输入的密码不一致');
  await expect(page.getByLabel('登录名')).toHaveValue('ent_demo');

  await page.getByLabel('确认密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.locator('#f-login-error')).toHaveText('该登录名已被注册');
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('登录名').fill('ind_demo');
  await page.getByLabel('密码').fill('not-the-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('登录名或密码错误');
  await expect(page).toHaveURL(/\/login/);
});

test('the address to return to after signing in cannot lead to another site', async ({ page }) => {
  // Browsers drop tabs and line breaks and read a backslash as a slash: each of these would
  // have become //evil.example. Signing in lands on our own contract home instead.
  for (const next of ['/%09/evil.example', '/%0a/evil.example', '/%0d/evil.example', '//evil.example', '/%5C/evil.example']) {
    await page.context().clearCookies();
    await page.goto(`/login?next=${next}`);
    await hydrated(page);
    await page.getByLabel('登录名').fill('ind_demo');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/contracts');
    expect(new URL(page.url()).hostname, next).toBe('127.0.0.1');
  }
  // A path of our own is still honoured.
  await page.context().clearCookies();
  await page.goto('/login?next=/party-a');
  await hydrated(page);
  await page.getByLabel('登录名').fill('ind_demo');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/party-a');
});

test('a user changes their password on the account page; other sessions end', async ({ page, browser }) => {
  const name = uniqueLogin('pw');
  await register(page, 'individual', name);
  // The same account signed in elsewhere.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await login(other, name);

  await page.goto('/account');
  await hydrated(page);
  await page.getByLabel('当前密码').fill('Wrong-pass-9');
  await page.locator('#f-password').fill('Changed-2026');
  await page.getByLabel('确认新密码').fill('Changed-2026');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('#f-current_password-error')).toHaveText('当前密码不正确');

  await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('#password-changed')).toBeVisible();
  await expect(page.getByLabel('当前密码')).toHaveValue('');

  // This session goes on; the other one has ended.
  await page.goto('/contracts');
  await expect(page).toHaveURL(/\/contracts$/);
  await other.goto('/contracts');
  await expect(other).toHaveURL(/\/login/);
  await elsewhere.close();

  // The new password signs in; the old one does not.
  await page.context().clearCookies();
  await login(page, name, 'Changed-2026');
  await page.context().clearCookies();
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('登录名').fill(name);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('登录名或密码错误');
});
