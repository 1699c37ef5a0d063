import { test as base, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { pieceOf } from './helpers';

// Every spec's `test`. With QY_PIECES_LOG set (scripts/test.sh, the run on the release
// bundle), each test appends the bundle pieces its browser fetched to a file in that
// folder; scripts/pieces-covered.py then fails the run if a piece of the bundle was never
// loaded, so a new page or part cannot miss the release run unnoticed.
const log = process.env.QY_PIECES_LOG;

export const test = base.extend<{ recordPieces: void }>({
  recordPieces: [
    async ({ context }, use, testInfo) => {
      const seen = new Set<string>();
      if (log) {
        context.on('response', (res) => {
          const piece = pieceOf(res.url());
          if (piece) seen.add(piece);
        });
      }
      await use();
      if (log && seen.size > 0) {
        fs.mkdirSync(log, { recursive: true });
        fs.appendFileSync(path.join(log, `worker-${testInfo.workerIndex}.txt`), [...seen].map((p) => `${p}\n`).join(''));
      }
    },
    { auto: true },
  ],
});

export { expect };
