// The complementary error function and the standard normal survival function, to full double
// precision in relative terms far into the tail (the z-test and odd-df chi-square need both).
//  - |x| < 0.5: erf by its Maclaurin series (A&S 7.1.5), erfc = 1 - erf.
//  - 0.5 <= x < 1: erf by the all-positive series erf x = 2/sqrt(pi) e^{-x^2}
//    sum 2^n x^{2n+1} / (1*3*...*(2n+1)) (A&S 7.1.6), erfc = 1 - erf (erfc(1) = 0.157, so the
//    subtraction keeps 15 digits).
//  - x >= 1: Laplace's continued fraction (A&S 7.1.14) in its even contraction,
//    erfc x = 2x/sqrt(pi) e^{-x^2} / (2x^2 + 1 - 1*2/(2x^2 + 5 - 3*4/(2x^2 + 9 - ...))),
//    evaluated by the modified Lentz algorithm (Thompson & Barnett 1986), with e^{-x^2} split as
//    e^{-m^2} e^{-(2mf + f^2)} (m = x to 1/128, cephes' expx2) so x^2's rounding does not enter.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const TINY = 1e-300;

/** e^{-x^2} without the rounding error of x*x. */
export function expMinusSquare(x: number): number {
  const m = Math.floor(x * 128 + 0.5) / 128;
  const f = x - m;
  return Math.exp(-m * m) * Math.exp(-(2 * m * f + f * f));
}

function erfMaclaurin(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

function erfPositiveSeries(x: number): number {
  const twoX2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}

function erfcContinuedFraction(x: number): number {
  const b0 = 2 * x * x + 1;
  // f = b0 - a1/(b1 - a2/(b2 - ...)), a_k = (2k-1)(2k), b_k = 2x^2 + 1 + 4k.
  let f = b0;
  let c = b0;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = -(2 * k - 1) * (2 * k);
    const b = b0 + 4 * k;
    d = b + a * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + a / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return ((x * TWO_OVER_SQRT_PI) * expMinusSquare(x)) / f;
}

/** erf(x). */
export function erf(x: number): number {
  if (Math.abs(x) < 0.5) return erfMaclaurin(x);
  return 1 - erfc(x);
}

/** erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfMaclaurin(x);
  if (x < 1) return 1 - erfPositiveSeries(x);
  if (x > 27.3) return 0; // below the smallest double
  return erfcContinuedFraction(x);
}

/** Pr(Z >= z) for a standard normal Z: scipy.stats.norm.sf (cephes ndtr(-z)). */
export function normalSf(z: number): number {
  // ndtr(a) = 0.5 erfc(-a / sqrt 2); scaled by 1/sqrt(2) as cephes does.
  const x = z * Math.SQRT1_2;
  if (Math.abs(x) < Math.SQRT1_2) return 0.5 - 0.5 * erf(x);
  return x > 0 ? 0.5 * erfc(x) : 1 - 0.5 * erfc(-x);
}
