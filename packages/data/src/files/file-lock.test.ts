import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { withFileLock } from './file-lock.ts';

describe('withFileLock', () => {
  it('lets one holder in at a time when several waiters find the same stale lock', async () => {
    let mostInside = 0;
    for (let round = 0; round < 30; round++) {
      const lock = join(testdir(), '.lock');
      writeFileSync(lock, `999999 ${hostname()} 2020-01-01T00:00:00.000Z deadbeef\n`); // a killed holder
      let inside = 0;
      await Promise.all(Array.from({ length: 6 }, () => withFileLock(lock, async () => {
        inside++;
        mostInside = Math.max(mostInside, inside);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inside--;
      })));
    }
    expect(mostInside).toBe(1);
  });

  it('waits for a live holder and names it when the wait runs out', async () => {
    const lock = join(testdir(), '.lock');
    writeFileSync(lock, `${process.pid} ${hostname()} 2026-12-06T00:00:00.000Z live\n`);
    await expect(withFileLock(lock, async () => 1, { timeoutMs: 50, what: 'the registry r' })).rejects.toThrow(`the registry r is locked by process ${process.pid} on ${hostname()} since 2026-12-06T00:00:00.000Z; if no modelgate is running there, remove ${lock}`);
  });
});
