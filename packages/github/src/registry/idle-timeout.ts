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
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#controller.abort(new Error(`no progress for ${Math.round(this.#ms / 1000)} s (timed out)`)), this.#ms);
    this.#timer.unref();
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}
