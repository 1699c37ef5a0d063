import { defineConfig } from '@playwright/test';

// Drives Debian's Chromium (no browser download) against the real server binary, started
// by scripts/e2e-server.sh on a fresh SQLite database with the demo data.
const port = Number(process.env.QY_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
// A second server with the production rate limits, which the main one raises for the
// suite (every test signs in from 127.0.0.1): limits.spec.ts meets them as a person would.
const limitsPort = port + 1;
export const limitsURL = `http://127.0.0.1:${limitsPort}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  // The whole run, so a stuck suite fails with a report instead of running on
  // (scripts/test.sh bounds the step as well).
  globalTimeout: 20 * 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `bash ../scripts/e2e-server.sh ${port}`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `bash ../scripts/e2e-server.sh ${limitsPort}`,
      url: `${limitsURL}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { QY_E2E_PRODUCTION_RATES: '1' },
    },
  ],
});
