// The one-sided Kolmogorov-Smirnov survival function Pr(D+_n >= x), which kstwo's tails use as
// 2 * smirnov(n, x). Birnbaum & Tingey's (1951) finite sum, evaluated as van Mulbregt describes
// ("Computing the CDF and quantiles of the one-sided Kolmogorov-Smirnov statistic",
// arXiv:1802.06966) and scipy.special.smirnov implements: every term in double-double precision,
// the binomial coefficient and the powers kept as a mantissa and a separate binary exponent so
// nothing overflows for n up to 10^6, and the short upper sum for small x where it needs at most
// three terms. Above n = 10^6 the closed-form approximation exp(-(6nx+1)^2 / 18n) is used, as
// scipy does.

import { type DD, ONE, add, addNumber, exponentOf, multiply, quotient, scale, scalePower, toNumber, twoProduct, twoSum } from './double-double.ts';

const DBL_EPSILON = 2 ** -52;
/** cephes MINLOG with denormals: log(2^-1075); exp of anything below it is 0. */
const MIN_LOG = -7.451332191019412076235e2;
/** Larger n uses the approximation (scipy's SMIRNOV_MAX_COMPUTE_N). */
const MAX_COMPUTE_N = 1_000_000;
/** Keeps intermediate powers above 2^-960, far from subnormals. */
const MAX_EXPONENT = 960;

/** mantissa * 2^exponent, the mantissa normalised to [0.5, 1) in magnitude. */
interface Scaled {
  mantissa: DD;
  exponent: number;
}

function normalise(value: DD, exponent: number): Scaled {
  if (value.hi === 0) return { mantissa: { hi: 0, lo: 0 }, exponent: 0 };
  const e = exponentOf(value.hi);
  return { mantissa: scale(value, -e), exponent: exponent + e };
}

/** a^m for 0.5 <= a < 1 as a normalised double and exponent, splitting m so no step underflows. */
function powerOfMantissa(a: number, m: number): { value: number; exponent: number } {
  const chunk = Math.max(1, Math.floor(MAX_EXPONENT / -Math.log2(a)));
  if (m <= chunk) {
    const p = Math.pow(a, m);
    const e = exponentOf(p);
    return { value: scalePower(p, -e), exponent: e };
  }
  const q = Math.floor(m / chunk);
  const r = m - q * chunk;
  const g = Math.pow(a, chunk);
  const ge = exponentOf(g);
  const inner = powerOfMantissa(scalePower(g, -ge), q);
  const rest = Math.pow(a, r);
  const product = inner.value * rest;
  const e = exponentOf(product);
  return { value: scalePower(product, -e), exponent: inner.exponent + q * ge + e };
}

/** base^m (m a non-negative integer) for a double-double base, scaled. */
function power(base: DD, m: number): Scaled {
  if (m === 0) return { mantissa: ONE, exponent: 0 };
  if (base.hi === 0) return { mantissa: { hi: 0, lo: 0 }, exponent: 0 };
  const e = exponentOf(base.hi);
  const hi = scalePower(base.hi, -e);
  const lo = scalePower(base.lo, -e);
  const negative = hi < 0 && m % 2 === 1;
  const p = powerOfMantissa(Math.abs(hi), m);
  // (hi + lo)^m = hi^m (1 + r)^m with r = lo/hi: the correction to first order, or exactly.
  const r = lo / hi;
  let adjust = m * r;
  if (Math.abs(adjust) > 1e-8) adjust = Math.abs(adjust) < 1e-4 ? adjust + adjust * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r));
  const mantissa = twoSum(p.value, p.value * adjust);
  const signed = negative ? { hi: -mantissa.hi, lo: -mantissa.lo } : mantissa;
  return normalise(signed, p.exponent + m * e);
}

function toDD(s: Scaled): DD {
  return scale(s.mantissa, s.exponent);
}

/** Pr(D+_n >= x): scipy.special.smirnov(n, x). */
export function smirnovSf(n: number, x: number): number {
  if (Number.isNaN(x) || !(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // floor(n x) and its remainder, exactly.
  const nx = twoProductSum(n, x);
  let nxFloor = Math.floor(nx.hi);
  let alpha = toNumber(addNumber({ hi: nx.hi - nxFloor, lo: 0 }, nx.lo));
  if (alpha < 0) {
    nxFloor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxFloor += 1;
    alpha = 0;
  }
  let lowerLast = n - nxFloor - (alpha === 0 ? 0 : 1);
  let upperFirst = n - nxFloor;
  if (alpha === 0) {
    lowerLast -= 1;
    upperFirst += 1;
  }

  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x <= 1/n: the sum has one term, x (1 + x)^(n-1).
    const t = toNumber(toDD(power(twoSum(1, x), n - 1)));
    return clip(1 - x * t);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return clip(toNumber(toDD(power(twoSum(1, -x), n))));
  if (n > MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }

  const upperTerms = n - upperFirst + 1;
  const useUpper = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  const start = useUpper ? n : 0;
  const step = useUpper ? -1 : 1;
  const terms = useUpper ? upperTerms : lowerLast + 1;
  // First term: v = n for the upper sum ((1+x)^(n-1)), v = 0 for the lower ((1-x)^n / x).
  let sum = useUpper ? toDD(power(twoSum(1, x), n - 1)) : divideByNumber(toDD(power(twoSum(1, -x), n)), x);
  let binomial: Scaled = normalise(quotient(n, 1), 0);
  const middle = Math.floor(n / 2);
  for (let j = 1; j < terms; j++) {
    const v = start + j * step;
    const term = birnbaumTingeyTerm(n, x, v, binomial);
    if (Number.isFinite(term.hi) && term.hi !== 0) sum = add(sum, term);
    if (term.hi !== 0) {
      if (4 * (terms - j) * Math.abs(toNumber(term)) < DBL_EPSILON * toNumber(sum) && j !== terms - 1) break;
    } else if (j > middle) break;
    binomial = normalise(multiply(binomial.mantissa, quotient(n - j, j + 1)), binomial.exponent);
  }
  const prob = toNumber(multiply(sum, { hi: x, lo: 0 }));
  return clip(useUpper ? 1 - prob : prob);
}

/** C(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1); `binomial` holds C(n, v) (= C(n, n-v)). */
function birnbaumTingeyTerm(n: number, x: number, v: number, binomial: Scaled): DD {
  const low = power(addNumber(quotient(n - v, n), -x), n - v);
  const high = power(addNumber(quotient(v, n), x), v - 1);
  const product = multiply(multiply(high.mantissa, low.mantissa), binomial.mantissa);
  return scale(product, high.exponent + low.exponent + binomial.exponent);
}

function twoProductSum(n: number, x: number): DD {
  // n * x exactly (n an integer below 2^31).
  const p = n * x;
  const splitX = 134217729 * x;
  const xh = splitX - (splitX - x);
  const xl = x - xh;
  const lo = n * xh - p + n * xl;
  return twoSum(p, lo);
}

/** a / b to double-double precision: the quotient of the high parts, corrected once. */
function divideByNumber(a: DD, b: number): DD {
  const q = a.hi / b;
  const p = twoProduct(q, b);
  const r = a.hi - p.hi - p.lo + a.lo;
  return twoSum(q, r / b);
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
