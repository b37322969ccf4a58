/**
 * A small seeded PRNG (mulberry32) with the few distributions the generator needs. Written here
 * rather than taken from a library so the generated data, and the committed baseline metrics that
 * depend on it, stay byte-identical across dependency upgrades.
 */
export class Random {
  #state: number;
  #spareNormal: number | undefined;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box-Muller, both values used). */
  normal(mean = 0, sd = 1): number {
    if (this.#spareNormal !== undefined) {
      const value = this.#spareNormal;
      this.#spareNormal = undefined;
      return mean + sd * value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /** Poisson by Knuth's method: fine for the small rates used here. */
  poisson(rate: number): number {
    const limit = Math.exp(-rate);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** One of `choices`, drawn with the given weights (they need not sum to 1). */
  pick<T extends string>(choices: Readonly<Record<T, number>>): T {
    const entries = Object.entries(choices) as [T, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.next() * total;
    for (const [choice, weight] of entries) {
      draw -= weight;
      if (draw < 0) return choice;
    }
    return entries.at(-1)![0];
  }
}
