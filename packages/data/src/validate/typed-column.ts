import type { ColumnValidator } from '@modelgate/core';
import type { FlatColumn } from '../readers/parquet-flat.ts';

/**
 * Feeds a decoded Parquet column straight to a numeric validator, without boxing each value as a
 * cell. int64 arrives as BigInt64Array; reading its two 32-bit halves (little-endian, as on every
 * platform Node supports) avoids a BigInt per value. Returns false when the column is not numeric
 * or its values are not a typed array (the caller uses cells then).
 */
export function observeTypedColumn(column: FlatColumn, firstRow: number, validator: ColumnValidator): boolean {
  const type = validator.rules.type;
  if (type !== 'integer' && type !== 'number') return false;
  const { values, present, rows } = column;
  const integer = type === 'integer';
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint32Array || values instanceof Int16Array || values instanceof Int8Array || values instanceof Uint8Array || values instanceof Uint16Array) {
    for (let r = 0, v = 0; r < rows; r++) {
      if (present !== null && present[r] === 0) {
        validator.observeNull(firstRow + r);
        continue;
      }
      const value = values[v++]!;
      if (Number.isFinite(value) && (!integer || Number.isInteger(value))) validator.observeNumber(value, firstRow + r, value);
      else validator.observe(value, firstRow + r);
    }
    return true;
  }
  if (values instanceof BigInt64Array) {
    const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let r = 0, v = 0; r < rows; r++) {
      if (present !== null && present[r] === 0) {
        validator.observeNull(firstRow + r);
        continue;
      }
      const high = words[2 * v + 1]!;
      // |value| < 2^53: exact as a double.
      if (high >= -0x200000 && high < 0x200000) {
        const value = high * 4294967296 + (words[2 * v]! >>> 0);
        validator.observeNumber(value, firstRow + r, value);
      } else {
        validator.observe(values[v]!, firstRow + r);
      }
      v++;
    }
    return true;
  }
  return false;
}
