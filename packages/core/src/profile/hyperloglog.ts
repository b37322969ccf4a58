import { base64ToBytes, bytesToBase64 } from './base64.ts';

/**
 * HyperLogLog distinct count (Flajolet et al. 2007) with HLL++'s small-range correction (linear
 * counting below 2.5m). 2^12 registers: standard error 1.04 / sqrt(4096) = 1.6%, 4 KB, and merging
 * is the register-wise maximum, so profiles merge in any order and grouping with the same result.
 * Written here (a few lines) because the maintained JavaScript HLLs do not serialise portably.
 */
export class HyperLogLog {
  static readonly precision = 12;
  readonly #registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    const size = 1 << HyperLogLog.precision;
    if (registers && registers.length !== size) throw new RangeError(`a HyperLogLog of precision ${HyperLogLog.precision} has ${size} registers, got ${registers.length}`);
    this.#registers = registers ?? new Uint8Array(size);
  }

  /** Adds a value by its 64-bit hash, given as two 32-bit halves (see stringKey in validation). */
  addHash(high: number, low: number): void {
    const index = high >>> (32 - HyperLogLog.precision);
    // The remaining 52 bits: the position of their first 1 bit (1-based), 53 when all are 0.
    const rest = (high << HyperLogLog.precision) >>> 0;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : low !== 0 ? 32 - HyperLogLog.precision + Math.clz32(low) + 1 : 53;
    if (rank > this.#registers[index]!) this.#registers[index] = rank;
  }

  merge(other: HyperLogLog): void {
    const theirs = other.#registers;
    for (let i = 0; i < this.#registers.length; i++) if (theirs[i]! > this.#registers[i]!) this.#registers[i] = theirs[i]!;
  }

  /** The estimated number of distinct values added. */
  estimate(): number {
    const m = this.#registers.length;
    let sum = 0;
    let zeros = 0;
    for (const register of this.#registers) {
      sum += inversePowers[register]!;
      if (register === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    // Linear counting is far more accurate while many registers are still empty.
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }

  /** The relative standard error of `estimate()`. */
  static get standardError(): number {
    return 1.04 / Math.sqrt(1 << HyperLogLog.precision);
  }

  /** The registers in base64. */
  toJSON(): string {
    return bytesToBase64(this.#registers);
  }

  static fromJSON(text: string): HyperLogLog {
    return new HyperLogLog(base64ToBytes(text));
  }
}

/**
 * 2^-rank for every value a register's byte can hold (addHash writes 0 to 53; a profile from
 * elsewhere may hold more): a lookup rather than a power per register.
 */
const inversePowers = Float64Array.from({ length: 256 }, (_, rank) => 2 ** -rank);
