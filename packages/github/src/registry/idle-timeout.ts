/**
 * An abort signal that fires when a transfer makes no progress for `ms`: a multi-gigabyte asset may
 * take many minutes, but a stalled connection must not hang the job until its 6-hour limit.
 */
export class IdleTimeout {
  readonly #controller = new AbortController();
  readonly #ms: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.#ms = ms;
    this.touch();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Progress was made: restart the countdown. */
  touch(): void {
    this.#start(this.#ms);
  }

  /** Wait up to `ms` from now before giving up (e.g. for an answer once everything is sent). */
  extend(ms: number): void {
    this.#start(Math.max(ms, this.#ms));
  }

  #start(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(new Error(`no progress for ${Math.round(ms / 1000)} s (timed out)`)), ms);
    this.#timer.unref();
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}
