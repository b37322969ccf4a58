// Exact two-sided p-values of the two-sample Kolmogorov-Smirnov statistic D = h / lcm(n1, n2):
// the share of the binom(n1 + n2, n1) lattice paths from (0, 0) to (n1, n2) that touch or cross
// |x/n1 - y/n2| >= h / lcm. Both counts follow Hodges ("The significance probability of the
// Smirnov two-sample test", Arkiv foer Matematik 3(43), 1958) in the forms scipy's ks_2samp uses.

/**
 * n1 = n2 = n: Pr(D >= h/n) = 2 sum_k (-1)^(k-1) binom(2n, n - kh) / binom(2n, n), each ratio a
 * product of h factors, nested Horner-like as 2 A0 (1 - A1 (1 - A2 (1 - ...))) so the
 * alternating sum does not cancel (scipy `_compute_prob_outside_square`). Rounding can push the
 * result just above 1 when h is 1 or 2; the caller checks.
 */
export function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * n1 != n2: the recursion of Hodges' "inside method", rewritten by Viehmann ("Numerically more
 * stable computation of the p-values for the two-sample Kolmogorov-Smirnov test",
 * arXiv:2102.08037) to carry the probability of having left the band directly, so small p-values
 * keep their relative precision: A(x, y) = (x A(x-1, y) + y A(x, y-1)) / (x + y), 1 outside
 * the band. One column of the band is kept (scipy `_compute_outer_prob_inside_method`).
 * g = gcd(n1, n2); the band is |x n2/g - y n1/g| < h in lattice units.
 */
export function probabilityOutsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let low = 0;
  let high = Math.min(Math.ceil(h / mg), n + 1);
  let length = high - low;
  const column = new Float64Array(Math.min(2 * high + 2, n + 1)).fill(1);
  column.fill(0, low, high);
  for (let i = 1; i <= m; i++) {
    const lastLow = low;
    const lastLength = length;
    low = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    high = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (high <= low) return 1;
    // column[jj] holds A(i, low + jj); entries past the previous window are outside it (1).
    let value = low === 0 ? 0 : 1;
    for (let jj = 0; jj < high - low; jj++) {
      const j = jj + low;
      value = (column[jj + low - lastLow]! * i + value * j) / (i + j);
      column[jj] = value;
    }
    length = high - low;
    if (lastLength > length) column.fill(1, length, lastLength);
  }
  return column[high - low - 1]!;
}
