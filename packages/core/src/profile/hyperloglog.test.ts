import { describe, expect, it } from 'vitest';
import { stringKey } from '../validation/unique-counter.ts';
import { HyperLogLog } from './hyperloglog.ts';

const key = new Int32Array(2);
function sketchOf(from: number, to: number): HyperLogLog {
  const hll = new HyperLogLog();
  for (let i = from; i < to; i++) {
    stringKey(`user-${i}`, key);
    hll.addHash(key[0]!, key[1]!);
  }
  return hll;
}

describe('HyperLogLog', () => {
  it('counts distinct values within three standard errors, small and large', () => {
    for (const n of [1, 50, 3_000, 200_000]) {
      const estimate = sketchOf(0, n).estimate();
      expect(Math.abs(estimate - n) / n, `n = ${n}`).toBeLessThan(3 * HyperLogLog.standardError);
    }
  });

  it('merges as a union, in any order, and survives serialisation', () => {
    const a = sketchOf(0, 60_000);
    const b = sketchOf(40_000, 100_000);
    const ab = HyperLogLog.fromJSON(a.toJSON());
    ab.merge(b);
    const ba = HyperLogLog.fromJSON(b.toJSON());
    ba.merge(a);
    expect(ab.toJSON()).toBe(ba.toJSON());
    expect(ab.toJSON()).toBe(sketchOf(0, 100_000).toJSON());
    expect(Math.abs(ab.estimate() - 100_000) / 100_000).toBeLessThan(3 * HyperLogLog.standardError);
  });

  it('estimates from any register byte a stored profile may hold, as 2^-register', () => {
    const registers = new Uint8Array(1 << HyperLogLog.precision).fill(60);
    registers[0] = 255;
    const sum = 4095 * 2 ** -60 + 2 ** -255;
    const m = registers.length;
    expect(new HyperLogLog(registers).estimate()).toBe(Math.round((0.7213 / (1 + 1.079 / m)) * m * m / sum));
  });
});
