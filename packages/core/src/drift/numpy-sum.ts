// Sums in numpy's order, so that a statistic numpy computes as `np.sum(terms)` comes out with the
// same bits: numpy reduces a float64 array in buffers of 8,192 values, each summed pairwise
// (numpy/core/src/umath/loops_utils.h.src, `pairwise_sum`: below 8 values a plain loop, up to
// 128 values eight interleaved accumulators, above that the halves, split at a multiple of 8),
// and adds the buffers' sums one after another.

/** Values per reduction buffer (numpy's default `bufsize`). */
const BUFFER = 8192;
const BLOCK = 128;

/** numpy's pairwise sum of `values[start, start + count)`. */
function pairwise(values: ArrayLike<number>, start: number, count: number): number {
  if (count < 8) {
    let sum = 0;
    for (let i = start; i < start + count; i++) sum += values[i]!;
    return sum;
  }
  if (count <= BLOCK) {
    let r0 = values[start]!, r1 = values[start + 1]!, r2 = values[start + 2]!, r3 = values[start + 3]!;
    let r4 = values[start + 4]!, r5 = values[start + 5]!, r6 = values[start + 6]!, r7 = values[start + 7]!;
    const whole = count - (count % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const at = start + i;
      r0 += values[at]!;
      r1 += values[at + 1]!;
      r2 += values[at + 2]!;
      r3 += values[at + 3]!;
      r4 += values[at + 4]!;
      r5 += values[at + 5]!;
      r6 += values[at + 6]!;
      r7 += values[at + 7]!;
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < count; i++) sum += values[start + i]!;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwise(values, start, half) + pairwise(values, start + half, count - half);
}

/** `np.sum(values)` for a 1-D float64 array, bit for bit. */
export function numpySum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let start = 0; start < values.length; start += BUFFER) sum += pairwise(values, start, Math.min(BUFFER, values.length - start));
  return sum;
}

/**
 * `np.sum` of a long series of terms produced one at a time, without holding them all: the terms
 * fill one buffer of 8,192, summed as numpy sums it, so the result equals `numpySum(allTerms)`.
 */
export class NumpySumStream {
  private readonly buffer = new Float64Array(BUFFER);
  private used = 0;
  private sum = 0;

  add(term: number): void {
    this.buffer[this.used++] = term;
    if (this.used === BUFFER) {
      this.sum += pairwise(this.buffer, 0, BUFFER);
      this.used = 0;
    }
  }

  total(): number {
    return this.used === 0 ? this.sum : this.sum + pairwise(this.buffer, 0, this.used);
  }
}
