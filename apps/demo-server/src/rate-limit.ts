/** A fixed-window limit (`DemoServerOptions.pollLimit`, `signInLimit`). */
export interface RateLimitOptions {
  /** How many requests one key may make per window. Default: the option's own. */
  readonly max?: number | undefined;
  /** The window, in ms. Default: the option's own. */
  readonly windowMs?: number | undefined;
}

/** What {@link FixedWindowLimiter.take} decided. */
export type RateDecision =
  | {
      /** The request may go on. */
      readonly allowed: true;
    }
  | {
      /** The key used its window up. */
      readonly allowed: false;
      /** Whole seconds until the window ends (for `Retry-After`), at least 1. */
      readonly retryAfterSeconds: number;
    };

/** The fewest keys held before ended windows are swept. */
const MIN_SWEEP_SIZE = 1_024;
/**
 * The most keys held. Past it, after a sweep, the oldest windows are dropped (down to half):
 * a flood of new keys within one window costs a bounded amount of memory, at the price of
 * forgetting the counts of the keys seen first.
 */
export const MAX_LIMITER_KEYS = 100_000;

const ALLOWED: RateDecision = { allowed: true };

/**
 * A fixed-window rate limit per key (a tenant, a client address), in this process's memory:
 * each key may make `max` requests per window. Windows that ended are swept whenever the map
 * has doubled since the last sweep, so memory follows the keys seen in one window, and never
 * holds more than {@link MAX_LIMITER_KEYS}. Several instances each keep their own.
 */
export class FixedWindowLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();
  #sweepAt = MIN_SWEEP_SIZE;

  /**
   * @param options - Limit and window.
   * @param now - The clock, epoch ms.
   * @param defaults - The limit and window when `options` leaves them out, and the option's
   *   name for errors.
   * @throws TypeError for a non-positive limit or window.
   */
  constructor(
    options: RateLimitOptions,
    now: () => number,
    defaults: { readonly name: string; readonly max: number; readonly windowMs: number },
  ) {
    this.#max = options.max ?? defaults.max;
    this.#windowMs = options.windowMs ?? defaults.windowMs;
    if (!Number.isSafeInteger(this.#max) || this.#max <= 0) {
      throw new TypeError(`createServer: options.${defaults.name}.max must be a positive integer`);
    }
    if (!Number.isSafeInteger(this.#windowMs) || this.#windowMs <= 0) {
      throw new TypeError(
        `createServer: options.${defaults.name}.windowMs must be a positive integer`,
      );
    }
    this.#now = now;
  }

  /** How many keys are held (ended windows not yet swept included). */
  get size(): number {
    return this.#windows.size;
  }

  /**
   * Counts one request of `key`.
   *
   * @param key - Whose request.
   * @returns Whether it may go on, or how long to wait.
   */
  take(key: string): RateDecision {
    const now = this.#now();
    let window = this.#current(key, now);
    if (window === undefined) {
      if (this.#windows.size >= this.#sweepAt) this.#sweep(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.#max ? ALLOWED : this.#refusal(window, now);
  }

  /**
   * Whether `key` has used its window up, without counting a request: for limits that count
   * only failures (a wrong password), checked before the attempt.
   *
   * @param key - Whose request.
   * @returns Whether it may go on, or how long to wait.
   */
  check(key: string): RateDecision {
    const now = this.#now();
    const window = this.#current(key, now);
    return window === undefined || window.count < this.#max ? ALLOWED : this.#refusal(window, now);
  }

  #current(key: string, now: number): { start: number; count: number } | undefined {
    const window = this.#windows.get(key);
    return window !== undefined && now - window.start < this.#windowMs ? window : undefined;
  }

  #refusal(window: { start: number }, now: number): RateDecision {
    const left = window.start + this.#windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
    if (this.#windows.size >= MAX_LIMITER_KEYS) {
      // A Map iterates in insertion order: the first keys are the oldest windows.
      let drop = this.#windows.size - MAX_LIMITER_KEYS / 2;
      for (const key of this.#windows.keys()) {
        if (drop-- <= 0) break;
        this.#windows.delete(key);
      }
    }
    this.#sweepAt = Math.min(MAX_LIMITER_KEYS, Math.max(MIN_SWEEP_SIZE, 2 * this.#windows.size));
  }
}
