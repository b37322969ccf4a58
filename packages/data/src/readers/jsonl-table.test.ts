import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { openTable } from './open-table.ts';
import type { Cell } from './types.ts';

async function rowsOf(path: string, columns?: string[]) {
  const table = await openTable(path, columns ? { columns } : {});
  const rows: Cell[][] = [];
  for await (const batch of table.batches()) {
    const cols = table.columns.map((_, i) => batch.column(i));
    for (let r = 0; r < batch.rowCount; r++) rows.push(cols.map((c) => c[r]!));
  }
  return { columns: table.columns, rows };
}

describe('JSONL reader', () => {
  it('reads typed values, missing keys as null, nested values as JSON text, .ndjson.gz', async () => {
    const text = '{"a":1,"b":"x"}\n\n{"b":null,"c":true}\n{"a":2.5,"c":{"k":[1]}}\n';
    const dir = testdir({ 'd.jsonl': text, 'd.ndjson.gz': gzipSync(text) });
    const expected = {
      columns: ['a', 'b', 'c'],
      rows: [
        [1, 'x', null],
        [null, null, true],
        [2.5, null, '{"k":[1]}'],
      ],
    };
    expect(await rowsOf(join(dir, 'd.jsonl'))).toEqual(expected);
    expect(await rowsOf(join(dir, 'd.ndjson.gz'))).toEqual(expected);
    expect((await rowsOf(join(dir, 'd.jsonl'), ['c'])).rows).toEqual([[null], [true], ['{"k":[1]}']]);
  });

  it('names the line of malformed JSON, a non-object and a key unseen in the sample', async () => {
    const dir = testdir({
      'bad.jsonl': '{"a":1}\n{"a":\n',
      'array.jsonl': '{"a":1}\n[1]\n',
      'late.jsonl': `${'{"a":1}\n'.repeat(1000)}{"a":1,"zzz":2}\n`,
    });
    await expect(rowsOf(join(dir, 'bad.jsonl'))).rejects.toThrow(/bad\.jsonl: line 2: malformed JSON/);
    await expect(rowsOf(join(dir, 'array.jsonl'))).rejects.toThrow(/array\.jsonl: line 2: expected a JSON object per line, got an array/);
    await expect(rowsOf(join(dir, 'late.jsonl'))).rejects.toThrow(/late\.jsonl: line 1001: key "zzz" does not appear/);
  });

  it('rejects invalid UTF-8 naming the line', async () => {
    const dir = testdir({ 'd.jsonl': Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]) });
    await expect(rowsOf(join(dir, 'd.jsonl'))).rejects.toThrow(/d\.jsonl: line 2: invalid UTF-8/);
  });

  it('keeps integers beyond 2^53 exact (as bigint), nested ones too, and leaves other numbers alone', async () => {
    const text = '{"id":9007199254740993,"x":0.12345678901234567,"n":{"k":12345678901234567890}}\n{"id":-9007199254740993,"x":9007199254740991,"n":null}\n';
    const dir = testdir({ 'd.jsonl': text });
    expect((await rowsOf(join(dir, 'd.jsonl'))).rows).toEqual([
      [9007199254740993n, 0.12345678901234567, '{"k":12345678901234567890}'],
      [-9007199254740993n, 9007199254740991, null],
    ]);
  });

});
