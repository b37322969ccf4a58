import type { Cell, RowBatch } from './types.ts';
import { FieldKind } from './csv-scanner.ts';

// Node's Buffer has these natively (undocumented but stable since v0.x); they skip the argument
// checks of toString() and are measurably faster for millions of short fields.
interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/**
 * Rows of one CSV buffer region: field byte offsets plus the bytes, decoded to strings only when a
 * column is asked for. Validation reads the bytes directly (`starts`, `ends`, `kinds`, `buf`).
 */
export class CsvBatch implements RowBatch {
  firstRow: number;
  readonly rowCount: number;
  readonly buf: Buffer;
  /** Offsets of field f of row r at [r * fieldCount + f]. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;
  /**
   * Plain numbers parsed while scanning (NaN: anything else), when asked for, at the same index as
   * `starts`; only fields f with `parsedFields[f]` 1 hold them.
   */
  readonly numbers: Float64Array | null;
  readonly parsedFields: Uint8Array | null;
  readonly fieldCount: number;
  /** File index of each selected column. */
  readonly selected: readonly number[];
  readonly rowLines: Int32Array;
  readonly nullValues: ReadonlySet<string> | null;
  /**
   * Whether the region is pure ASCII, so a field decodes as latin1 (no UTF-8 validation). Fields
   * are sliced one by one rather than from one string of the whole region: such a string (1 MiB,
   * held outside the V8 heap) stays alive until a garbage collection that the little heap traffic
   * of byte-level validation seldom triggers, which cost ~20 MB of RSS per thread.
   */
  private readonly ascii: boolean;
  /** Bytes of the file these rows span. */
  readonly byteLength: number;

  constructor(init: {
    firstRow: number;
    rowCount: number;
    buf: Buffer;
    starts: Int32Array;
    ends: Int32Array;
    kinds: Uint8Array;
    numbers: Float64Array | null;
    parsedFields: Uint8Array | null;
    fieldCount: number;
    selected: readonly number[];
    rowLines: Int32Array;
    nullValues: ReadonlySet<string> | null;
    regionStart: number;
    regionEnd: number;
    ascii: boolean;
  }) {
    this.firstRow = init.firstRow;
    this.rowCount = init.rowCount;
    this.buf = init.buf;
    this.starts = init.starts;
    this.ends = init.ends;
    this.kinds = init.kinds;
    this.numbers = init.numbers;
    this.parsedFields = init.parsedFields;
    this.fieldCount = init.fieldCount;
    this.selected = init.selected;
    this.rowLines = init.rowLines;
    this.nullValues = init.nullValues;
    this.byteLength = init.regionEnd - init.regionStart;
    this.ascii = init.ascii;
  }

  column(index: number): readonly Cell[] {
    const field = this.selected[index];
    if (field === undefined) throw new RangeError(`column index ${index} out of range`);
    const out: Cell[] = new Array(this.rowCount);
    for (let row = 0; row < this.rowCount; row++) out[row] = this.text(row * this.fieldCount + field);
    return out;
  }

  /** The value of one field (index = row * fieldCount + file column), null when empty or a null token. */
  text(at: number): string | null {
    const start = this.starts[at]!;
    const end = this.ends[at]!;
    const kind = this.kinds[at]!;
    if (kind === FieldKind.unquoted && start === end) return null;
    let value = this.ascii
      ? (this.buf as unknown as FastSlices).latin1Slice(start, end)
      : (this.buf as unknown as FastSlices).utf8Slice(start, end);
    if (kind === FieldKind.escaped) value = value.replaceAll('""', '"');
    else if (kind === FieldKind.unquoted && this.nullValues !== null && this.nullValues.has(value)) return null;
    return value;
  }

  sourceLine(row: number): number {
    return this.rowLines[row]!;
  }
}
