import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { lineStarts } from './parallel-parts.ts';

// 100 lines of 10 bytes each ("line 0000\n" ...): line k starts at byte 10k.
const text = Array.from({ length: 100 }, (_, k) => `line ${String(k).padStart(4, '0')}\n`).join('');
const linesFile = () => join(testdir({ 'lines.txt': text }), 'lines.txt');

describe('lineStarts', () => {
  it('splits evenly, each split moved to the start of the next line', async () => {
    const path = linesFile();
    // Even quarters fall at 250, 500, 750: each is inside a line or at its start, so the next line is taken.
    expect(await lineStarts(path, 0, text.length, 4)).toEqual([260, 510, 760]);
  });

  it('makes the first range firstWeight times as long as each of the others', async () => {
    const path = linesFile();
    // Weights 2, 1, 1 over 1,000 bytes: splits at 500 and 750.
    expect(await lineStarts(path, 0, text.length, 3, 2)).toEqual([510, 760]);
    // From a header of 10 bytes: 990 bytes weighted 1.3 : 1 split at 10 + 990 * 1.3 / 2.3 = 569.6.
    expect(await lineStarts(path, 10, text.length, 2, 1.3)).toEqual([570]);
  });
});
