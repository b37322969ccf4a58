// Double-double arithmetic: a value is the unevaluated sum hi + lo of two doubles with
// |lo| <= ulp(hi)/2, about 32 significant digits. Error-free transformations after Knuth (TwoSum)
// and Dekker (1971, splitting for TwoProduct, as JavaScript has no fused multiply-add); the
// operations follow Hida, Li & Bailey's QD library ("sloppy" add, accurate to ~2^-104 relative
// when the operands do not cancel, which is how the one-sided Smirnov sum uses them).

export interface DD {
  readonly hi: number;
  readonly lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1

export const ONE: DD = { hi: 1, lo: 0 };

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

/** a + b exactly, as a double-double. */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

/** a * b exactly, as a double-double (Dekker's product; |a|, |b| below 2^996). */
export function twoProduct(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  return { hi: p, lo: ahi * bhi - p + ahi * blo + alo * bhi + alo * blo };
}

export function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  return quickTwoSum(s.hi, s.lo + a.lo + b.lo);
}

export function addNumber(a: DD, b: number): DD {
  const s = twoSum(a.hi, b);
  return quickTwoSum(s.hi, s.lo + a.lo);
}

export function multiply(a: DD, b: DD): DD {
  const p = twoProduct(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

/** a / b, both doubles, to double-double precision (one Newton correction of the quotient). */
export function quotient(a: number, b: number): DD {
  const q = a / b;
  const p = twoProduct(q, b);
  // a - q*b is exact in (a - p.hi) - p.lo when q is the rounded quotient.
  const r = a - p.hi - p.lo;
  return quickTwoSum(q, r / b);
}

/** The double nearest to the value. */
export function toNumber(a: DD): number {
  return a.hi + a.lo;
}

/** Scales by 2^k exactly (barring underflow). */
export function scale(a: DD, k: number): DD {
  return { hi: scalePower(a.hi, k), lo: scalePower(a.lo, k) };
}

/** 2^k for -1022 <= k <= 1023, built from its exponent bits. */
const POWERS_OF_TWO = (() => {
  const table = new Float64Array(2046);
  const bits = new BigUint64Array(table.buffer);
  for (let k = -1022; k <= 1023; k++) bits[k + 1022] = BigInt(k + 1023) << 52n;
  return table;
})();

/** x * 2^k, exact while the result is a normal double; splits k so no factor overflows. */
export function scalePower(x: number, k: number): number {
  if (k >= -1022 && k <= 1023) return x * POWERS_OF_TWO[k + 1022]!;
  let out = x;
  let rest = k;
  while (rest > 1000) {
    out *= POWERS_OF_TWO[1000 + 1022]!;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= POWERS_OF_TWO[-1000 + 1022]!;
    rest += 1000;
  }
  return out * POWERS_OF_TWO[rest + 1022]!;
}

const view = new DataView(new ArrayBuffer(8));

/** The exponent e with |x| = f * 2^e, 0.5 <= f < 1 (C's frexp); 0 for 0. */
export function exponentOf(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  view.setFloat64(0, x);
  const biased = (view.getUint16(0) & 0x7ff0) >> 4;
  if (biased !== 0) return biased - 1022;
  // Subnormal: scale into the normal range first.
  return exponentOf(x * 2 ** 64) - 64;
}
