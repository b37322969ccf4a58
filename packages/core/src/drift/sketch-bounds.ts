// Error bounds of the binned statistics (PSI, Jensen-Shannon) when the bins' shares are only known
// to lie in intervals: each bin's term is bounded over its box of possible shares. Both terms,
// (q - p) ln(q / p) and the Jensen-Shannon summand, are zero where p = q, grow in q and shrink in p
// above that diagonal (and the reverse below it), so their extremes over a box are at its corners,
// or zero where the box crosses the diagonal. Summing the extremes bin by bin bounds the statistic.

/** A closed interval of possible shares, low <= high. */
export type ShareRange = readonly [number, number];

function psiTerm(p: number, q: number): number {
  return (q - p) * Math.log(q / p);
}

/** Jensen-Shannon summand of one bin (natural log): p ln(2p / (p + q)) + q ln(2q / (p + q)). */
function jsTerm(p: number, q: number): number {
  const m = p + q;
  return (p > 0 ? p * Math.log((2 * p) / m) : 0) + (q > 0 ? q * Math.log((2 * q) / m) : 0);
}

/** Smallest and largest of a term over the box p in `pr`, q in `qr`. */
function termRange(term: (p: number, q: number) => number, pr: ShareRange, qr: ShareRange): [number, number] {
  const corners = [term(pr[0], qr[0]), term(pr[0], qr[1]), term(pr[1], qr[0]), term(pr[1], qr[1])];
  const largest = Math.max(...corners);
  let smallest: number;
  if (pr[0] <= qr[1] && qr[0] <= pr[1]) smallest = 0; // the box meets p = q
  else if (pr[1] < qr[0]) smallest = term(pr[1], qr[0]); // q above p everywhere: nearest corner
  else smallest = term(pr[0], qr[1]);
  return [smallest, largest];
}

/** The range PSI can take when each bin's reference and current shares lie in these ranges. */
export function psiRange(reference: readonly ShareRange[], current: readonly ShareRange[]): [number, number] {
  let low = 0;
  let high = 0;
  reference.forEach((pr, i) => {
    const [a, b] = termRange(psiTerm, pr, current[i]!);
    low += a;
    high += b;
  });
  return [low, high];
}

/**
 * The range of the Jensen-Shannon distance (natural log) when each bin's shares lie in these
 * ranges. scipy normalises each side to sum 1 first; the floored shares of a side sum to between 1
 * and 1 + bins x floor, so each normalised share lies in [low / (1 + bins x floor), high].
 */
export function jensenShannonRange(reference: readonly ShareRange[], current: readonly ShareRange[], floor: number): [number, number] {
  const slack = 1 + reference.length * floor;
  let low = 0;
  let high = 0;
  reference.forEach((pr, i) => {
    const qr = current[i]!;
    const [a, b] = termRange(jsTerm, [pr[0] / slack, Math.min(1, pr[1])], [qr[0] / slack, Math.min(1, qr[1])]);
    low += a;
    high += b;
  });
  return [Math.sqrt(Math.max(low, 0) / 2), Math.sqrt(Math.max(high, 0) / 2)];
}

/** The largest distance from `value` to either end of a range. */
export function widthAround(value: number, [low, high]: readonly [number, number]): number {
  return Math.max(Math.abs(value - low), Math.abs(high - value));
}
