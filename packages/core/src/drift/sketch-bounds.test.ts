import { describe, expect, it } from 'vitest';
import { jensenShannonDistance, populationStabilityIndex } from './distances.ts';
import { type ShareRange, jensenShannonRange, psiRange } from './sketch-bounds.ts';

function random(seed: number): () => number {
  let x = seed;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('bounds of PSI and JS over share intervals', () => {
  it('contain the statistic of any shares inside the intervals, and are tight where the intervals are points', () => {
    const next = random(3);
    for (let trial = 0; trial < 200; trial++) {
      const bins = 2 + Math.floor(next() * 9);
      const centre = (bins: number) => {
        const raw = Array.from({ length: bins }, () => next() + 0.01);
        const sum = raw.reduce((a, b) => a + b, 0);
        return raw.map((v) => v / sum);
      };
      const [p, q] = [centre(bins), centre(bins)];
      const width = next() * 0.02;
      const range = (shares: number[]): ShareRange[] => shares.map((s) => [Math.max(1e-4, s - width), Math.min(1, s + width)]);
      const [pr, qr] = [range(p), range(q)];
      const [psiLow, psiHigh] = psiRange(pr, qr);
      const [jsLow, jsHigh] = jensenShannonRange(pr, qr, 1e-4);
      for (let draw = 0; draw < 20; draw++) {
        const pick = (ranges: ShareRange[]) => ranges.map(([low, high]) => low + next() * (high - low));
        const [a, b] = [pick(pr), pick(qr)];
        const psi = populationStabilityIndex(a, b);
        expect(psi).toBeGreaterThanOrEqual(psiLow - 1e-12);
        expect(psi).toBeLessThanOrEqual(psiHigh + 1e-12);
        // scipy normalises: shares drawn apart from summing to 1 still fall inside.
        const js = jensenShannonDistance(a, b);
        expect(js).toBeGreaterThanOrEqual(jsLow - 1e-12);
        expect(js).toBeLessThanOrEqual(jsHigh + 1e-12);
      }
    }
    const exact: ShareRange[] = [[0.3, 0.3], [0.7, 0.7]];
    const other: ShareRange[] = [[0.5, 0.5], [0.5, 0.5]];
    expect(psiRange(exact, other)).toEqual([populationStabilityIndex([0.3, 0.7], [0.5, 0.5]), populationStabilityIndex([0.3, 0.7], [0.5, 0.5])].map((v) => expect.closeTo(v, 15)));
  });
});
