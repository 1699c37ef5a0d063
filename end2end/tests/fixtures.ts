import { test as base, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { pieceOf } from './helpers';

// Every spec's `test`. With QY_PIECES_LOG set (scripts/test.sh, the run on the release
// bundle), each test appends the bundle pieces its browser fetched to a file in that
// folder; scripts/pieces-covered.py then fails the run if a piece of the bundle was never
// loaded, so a new page or part cannot miss the release run unnoticed.
// It wraps the test's own browser context (`page` is one of its pages), so a test that
// only calls the API through `request` starts no browser context for it. Contexts a test
// opens itself (`browser.newContext()`) are not recorded.
const log = process.env.QY_PIECES_LOG;

export const test = base.extend({
  context: async ({ context }, use, testInfo) => {
    const seen = new Set<string>();
    if (log) {
      context.on('response', (res) => {
        const piece = pieceOf(res.url());
        if (piece) seen.add(piece);
      });
    }
    await use(context);
    if (log && seen.size > 0) {
      fs.mkdirSync(log, { recursive: true });
      fs.appendFileSync(path.join(log, `worker-${testInfo.workerIndex}.txt`), [...seen].map((p) => `${p}\n`).join(''));
    }
  },
});

export { expect };
