import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { openTable } from '../readers/open-table.ts';
import { LabelCollector, NumberColumn, type RowLocator } from './columns.ts';

const locate: RowLocator = (row) => `d.csv: row ${row}`;

/** Every column read twice: from the CSV bytes (addBatch) and from the decoded strings (add). */
async function bothWays(csv: string) {
  const dir = testdir({ 'd.csv': csv });
  const table = await openTable(join(dir, 'd.csv'));
  const numbers = { bytes: new NumberColumn('x'), text: new NumberColumn('x') };
  const labels = { bytes: new LabelCollector('y'), text: new LabelCollector('y') };
  for await (const batch of table.batches()) {
    numbers.bytes.addBatch(batch, 0, locate);
    numbers.text.add(batch.column(0), batch.firstRow, locate);
    labels.bytes.addBatch(batch, 1, locate);
    labels.text.add(batch.column(1), batch.firstRow, locate);
  }
  return { numbers, labels };
}

describe('prediction columns read from CSV bytes', () => {
  it('give exactly what the decoded text gives, for every way of writing a number or a label', async () => {
    const numbers = ['0.8123', '-12.5', '1e-3', '2.5E+4', '+5', '5.', '.5', '-0', '"0.25"', ' 7 ', '0.1234567890123456789', '123456789012345678901', '1.7976931348623157e308', '4.9e-324', '0x10'];
    const labels = ['0', '1', 'churned', '"1"', 'stayed_long_label', 'é', 'ab', '"a,b"', 'x'];
    // 20,000 rows so that several batches (and repeated labels across them) are read.
    const rows = Array.from({ length: 20_000 }, (_, i) => `${numbers[i % numbers.length]},${labels[(i * 7) % labels.length]}`);
    const { numbers: n, labels: l } = await bothWays(`x,y\n${rows.join('\n')}\n`);
    const fromBytes = n.bytes.toArray();
    const fromText = n.text.toArray();
    expect(fromBytes.length).toBe(20_000);
    for (let i = 0; i < fromText.length; i++) if (!Object.is(fromBytes[i], fromText[i])) expect([i, fromBytes[i]]).toEqual([i, fromText[i]]);
    expect(l.bytes.toColumn()).toEqual(l.text.toColumn());
  });

  it('name the same row and value for a value that is not a number or an empty label', async () => {
    const message = async (csv: string) => (await bothWays(csv).catch((error: Error) => error.message)) as string;
    expect(await message('x,y\n1,a\nNaN,b\n')).toBe('d.csv: row 2: x holds "NaN", expected a finite number');
    expect(await message('x,y\n1,a\n2, \n')).toBe('d.csv: row 2: y is empty, expected a label');
  });

  it('take a null token for null on the byte path too', async () => {
    const dir = testdir({ 'd.csv': 'x,y\n1,a\n0,b\n' });
    const table = await openTable(join(dir, 'd.csv'), { nullValues: ['0'] });
    const column = new NumberColumn('x');
    const read = async () => {
      for await (const batch of table.batches()) column.addBatch(batch, 0, locate);
    };
    await expect(read()).rejects.toThrow('d.csv: row 2: x holds an empty value, expected a finite number');
  });
});

