import { test, expect } from './fixtures';
import { Page } from '@playwright/test';
import { limitsURL } from '../playwright.config';
import { hydrated, uncaughtErrors } from './helpers';

// Issue 29: a browser past the per-client sign-in rate (20 a minute) is told why, in its
// language, with the seconds to wait — the server answers the typed error in the encoding
// the browser reads server functions' answers in. Against a server with the production
// rates (the suite's main server raises them).
test.use({ baseURL: limitsURL });

/** Signs in with made-up logins from this browser's address until the server answers
 *  429: the rest of the minute's sign-in budget is used up. */
async function useUpTheSignInBudget(page: Page) {
  for (let n = 0; n < 40; n++) {
    const res = await page.request.post('/fn/login', {
      form: { login: `nobody_${Date.now().toString(36)}_${n}`, password: 'Wrong-pass-1' },
      headers: { Origin: limitsURL },
    });
    if (res.status() === 429) return;
    expect(res.status()).toBe(401);
  }
  throw new Error('never rate-limited');
}

test('past the sign-in rate the form says why, with the seconds, in Chinese and English', async ({ page }) => {
  const errors = uncaughtErrors(page);
  for (const [lang, button, message] of [
    ['zh-CN', '登录', /^操作过于频繁，请 \d+ 秒后再试$/],
    ['en', 'Sign in', /^Too many requests; try again in \d+ s\.$/],
  ] as const) {
    await page.goto(`/login?lang=${lang}`);
    await hydrated(page);
    await page.locator('input[name="login"]').fill('ent_demo');
    await page.locator('input[name="password"]').fill('Qianyue-2026');
    // Used up just before the click, and kept empty until the form has its answer: the
    // bucket refills one sign-in every 3 s, and a busy machine once took longer than that
    // between using it up and clicking (the click then signed in).
    await useUpTheSignInBudget(page);
    let hogging = true;
    const hog = (async () => {
      for (let n = 0; hogging; n++) {
        await page.request.post('/fn/login', {
          form: { login: `nobody_hog_${n}`, password: 'Wrong-pass-1' },
          headers: { Origin: limitsURL },
        });
      }
    })();
    try {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(page.locator('.form-error')).toHaveText(message);
    } finally {
      hogging = false;
      await hog;
    }
    await expect(page).toHaveURL(/\/login/);
  }
  expect(errors).toEqual([]);
});
