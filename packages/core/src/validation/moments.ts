/** Running count, mean and sum of squared deviations (Welford), mergeable across parts (Chan et al.). */
export class Moments {
  count = 0;
  mean = 0;
  m2 = 0;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  merge(other: { count: number; mean: number; m2: number }): void {
    if (other.count === 0) return;
    const count = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / count;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / count;
    this.count = count;
  }

  /** Sample standard deviation (ddof = 1, as pandas and Great Expectations compute it). */
  std(): number {
    return this.count < 2 ? NaN : Math.sqrt(this.m2 / (this.count - 1));
  }
}
