import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InputError } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { openTable } from './open-table.ts';
import type { CsvBatch } from './csv-batch.ts';
import type { Cell, OpenTableOptions } from './types.ts';

async function readAll(path: string, options?: OpenTableOptions) {
  const table = await openTable(path, options);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const firstRows: number[] = [];
  for await (const batch of table.batches()) {
    firstRows.push(batch.firstRow);
    const columns = table.columns.map((_, i) => batch.column(i));
    for (let r = 0; r < batch.rowCount; r++) {
      rows.push(columns.map((c) => c[r]!));
      if (batch.sourceLine) lines.push(batch.sourceLine(r));
    }
  }
  return { columns: table.columns, rows, lines, firstRows };
}

async function csv(content: string | Uint8Array, name = 'data.csv', options?: OpenTableOptions) {
  const dir = testdir({ [name]: content });
  return readAll(join(dir, name), options);
}

async function csvError(content: string | Uint8Array, name = 'data.csv'): Promise<string> {
  try {
    await csv(content, name);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('CSV reader (RFC 4180)', () => {
  it('reads quotes, escaped quotes, embedded newlines, CRLF, a BOM and a missing final newline', async () => {
    const text = '\ufeffid,name,note\r\n1,"Smith, J","said ""hi"""\r\n2,"two\r\nlines",plain\r\n3,,""';
    const result = await csv(text);
    expect(result.columns).toEqual(['id', 'name', 'note']);
    expect(result.rows).toEqual([
      ['1', 'Smith, J', 'said "hi"'],
      ['2', 'two\r\nlines', 'plain'],
      ['3', null, ''],
    ]);
    expect(result.lines).toEqual([2, 3, 5]);
  });

  it('treats an empty unquoted field and the configured tokens as null, but not quoted ones', async () => {
    const result = await csv('a,b\nNA,""\n"NA",x\n', 'data.csv', { nullValues: ['NA'] });
    expect(result.rows).toEqual([
      [null, ''],
      ['NA', 'x'],
    ]);
  });

  it('uses tab for .tsv, a given delimiter otherwise, and skips blank lines', async () => {
    expect((await csv('a\tb\n1\t2\n\n3\t4\n', 'data.tsv')).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect((await csv('a;b\n1;2,5\n', 'data.csv', { delimiter: ';' })).rows).toEqual([['1', '2,5']]);
  });

  it('reads gzip and selects columns by name', async () => {
    const result = await csv(gzipSync('a,b,c\n1,2,3\n4,5,6\n'), 'data.csv.gz', { columns: ['c', 'a'] });
    expect(result.columns).toEqual(['c', 'a']);
    expect(result.rows).toEqual([
      ['3', '1'],
      ['6', '4'],
    ]);
  });

  it('agrees with csv-parse on a multi-megabyte file with tricky fields across chunk boundaries', async () => {
    const pieces = ['plain', 'with,comma', 'with "quote"', 'multi\nline', 'ünïcödé ✓', '', ' spaced ', '😀'];
    const lines = ['id,text,value'];
    for (let i = 0; i < 100_000; i++) {
      const piece = pieces[i % pieces.length]!;
      const quoted = /[",\n]/.test(piece) || i % 5 === 0 ? `"${piece.replaceAll('"', '""')}"` : piece;
      lines.push(`${i},${quoted},${(i * 0.37).toFixed(2)}`);
    }
    const text = `${lines.join('\r\n')}\r\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 << 20);
    const expected = parse(text, { columns: false, relax_column_count: false }) as string[][];
    const result = await csv(text);
    expect(result.rows.length).toBe(expected.length - 1);
    // csv-parse does not distinguish "" from an empty field; we do (empty unquoted = null).
    const normalized = result.rows.map((row) => row.map((value) => value ?? ''));
    expect(normalized).toEqual(expected.slice(1));
    expect(result.firstRows[0]).toBe(1);
  });
});

describe('CSV reader errors', () => {
  it('names the line where an unbalanced quote opened', async () => {
    expect(await csvError('a,b\n1,2\n3,"oops\n4,5\n6,7\n')).toMatch(/data\.csv: line 3: unbalanced quote: the quoted field opened on line 3 is never closed/);
  });

  it('names the row and line of a ragged row', async () => {
    expect(await csvError('a,b\n1,2\n3\n')).toMatch(/data\.csv: row 2 \(line 3\) has 1 field, expected 2/);
    expect(await csvError('a,b\n1,2,3\n')).toMatch(/row 1 \(line 2\) has more than 2 fields/);
  });

  it('rejects invalid UTF-8 naming the line', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    expect(await csvError(bytes)).toMatch(/data\.csv: line 3: invalid UTF-8/);
  });

  it('rejects an empty file, a header-less file and a missing file', async () => {
    expect(await csvError('')).toMatch(/data\.csv: data file is empty/);
    expect(await csvError('\n\n')).toMatch(/data\.csv: data file is empty/);
    await expect(openTable('/nonexistent/x.csv')).rejects.toThrow(/x\.csv: data file not found/);
  });

  it('rejects stray quotes, duplicate header names, unknown columns and unknown extensions', async () => {
    expect(await csvError('a,b\n1,x"y\n')).toMatch(/line 2: quote inside the unquoted field 2/);
    expect(await csvError('a,a\n1,2\n')).toMatch(/duplicate column name "a"/);
    const dir = testdir({ 'd.csv': 'amount,b\n1,2\n', 'd.txt': 'x' });
    await expect(openTable(join(dir, 'd.csv'), { columns: ['amout'] })).rejects.toThrow(/column "amout" not found \(did you mean "amount"\?\)/);
    await expect(openTable(join(dir, 'd.txt'))).rejects.toThrow(/cannot tell the data format/);
  });

  it('reports truncated gzip as corrupt', async () => {
    const gz = gzipSync('a,b\n' + '1,2\n'.repeat(10000));
    expect(await csvError(gz.subarray(0, gz.length - 20), 'data.csv.gz')).toMatch(/corrupt or truncated gzip/);
  });

  it('parses the plain numbers of its fields while scanning, when asked, and only those', async () => {
    const dir = testdir({ 'numbers.csv': 'a,b,c,d,e,f,g,h\r\n1.5,"2",3e2,-0,7x,,+4.,0012\r\n-.25,US,1234567890123456,9,"",5 ,8,\n' });
    const table = await openTable(join(dir, 'numbers.csv'));
    const rows: number[][] = [];
    for await (const batch of table.batches({ parseNumbers: true })) {
      const { numbers, fieldCount } = batch as CsvBatch;
      for (let r = 0; r < batch.rowCount; r++) rows.push(Array.from(numbers!.subarray(r * fieldCount, (r + 1) * fieldCount)));
    }
    // Quoted, exponent, text, empty, trailing space and 16-digit fields are left to the reader (NaN).
    expect(rows).toEqual([
      [1.5, NaN, NaN, -0, NaN, NaN, 4, 12],
      [-0.25, NaN, NaN, 9, NaN, NaN, 8, NaN],
    ]);
    expect(Object.is(rows[0]![3], -0)).toBe(true);
    for await (const batch of table.batches()) expect((batch as CsvBatch).numbers).toBeNull();
    // Only the columns named, when named: the others' fields are not parsed (nor to be read).
    for await (const batch of table.batches({ parseNumbers: new Set(['a', 'g']) })) {
      expect(Array.from((batch as CsvBatch).parsedFields!)).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
    }
    // With null tokens a number may be one of them: nothing is parsed.
    const withNulls = await openTable(join(dir, 'numbers.csv'), { nullValues: ['9'] });
    for await (const batch of withNulls.batches({ parseNumbers: true })) expect((batch as CsvBatch).numbers).toBeNull();
    // A delimiter that can be part of a number: fields split where it stands, nothing parsed.
    for (const delimiter of ['.', '-', '+', '0']) {
      const path = join(testdir({ 'odd.csv': `a${delimiter}b\n1${delimiter}5\n` }), 'odd.csv');
      const odd = await openTable(path, { delimiter });
      for await (const batch of odd.batches({ parseNumbers: true })) {
        expect((batch as CsvBatch).numbers, delimiter).toBeNull();
        expect([batch.column(0)[0], batch.column(1)[0]], delimiter).toEqual(['1', '5']);
      }
    }
  });
});

