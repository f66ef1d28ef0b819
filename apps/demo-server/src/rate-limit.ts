/** The per-tenant polling limit (`DemoServerOptions.pollLimit`): a fixed window in memory. */
export interface RateLimitOptions {
  /** How many requests one key may make per window. Default: 120. */
  readonly max?: number | undefined;
  /** The window, in ms. Default: 60 000. */
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

/**
 * A fixed-window rate limit per key (a tenant), in this process's memory: each key may make
 * `max` requests per window. Good enough for polling; several instances each keep their own.
 */
export class FixedWindowLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  /**
   * @param options - Limit and window.
   * @param now - The clock, epoch ms.
   * @throws TypeError for a non-positive limit or window.
   */
  constructor(options: RateLimitOptions, now: () => number) {
    this.#max = options.max ?? 120;
    this.#windowMs = options.windowMs ?? 60_000;
    if (!Number.isSafeInteger(this.#max) || this.#max <= 0) {
      throw new TypeError('createServer: options.pollLimit.max must be a positive integer');
    }
    if (!Number.isSafeInteger(this.#windowMs) || this.#windowMs <= 0) {
      throw new TypeError('createServer: options.pollLimit.windowMs must be a positive integer');
    }
    this.#now = now;
  }

  /**
   * Counts one request of `key`.
   *
   * @param key - Whose request (a tenant id).
   * @returns Whether it may go on, or how long to wait.
   */
  take(key: string): RateDecision {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.#max) return { allowed: true };
    const left = window.start + this.#windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
  }
}
