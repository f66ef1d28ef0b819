import type { Dispatcher } from 'undici';
import { AbortError } from './transport-errors.js';

/**
 * The clock and timer services latch waits with. Every latch function that reads the time or
 * waits takes them through its options ({@link RuntimeOptions}), so tests can pass a fake clock
 * and a `sleep` that returns at once. This module is the only one that touches the real ones.
 */
export interface Runtime {
  /** The current time, in milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds; rejects with an {@link AbortError} as soon as `signal`
   * aborts (or at once when it already has), clearing its timer.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Just the clock half of a {@link Runtime}.
 */
export type Clock = Pick<Runtime, 'now'>;

/**
 * The runtime seams accepted in the options of every latch function that reads the clock or
 * waits. Each defaults to {@link systemRuntime}.
 */
export interface RuntimeOptions {
  /** Returns the current time in epoch milliseconds. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Waits `ms` milliseconds unless `signal` aborts. Default: {@link sleep}. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * The current time from the system clock.
 *
 * @returns Milliseconds since the Unix epoch (`Date.now()`).
 */
export function now(): number {
  return Date.now();
}

/**
 * Waits `ms` milliseconds with a real timer.
 *
 * @param ms - How long to wait; a finite number ≥ 0.
 * @param signal - Cancels the wait. Default: none.
 * @returns A promise that resolves after `ms` milliseconds.
 * @throws TypeError (rejection) when `ms` is not a finite number ≥ 0.
 * @throws {@link AbortError} (rejection) when `signal` aborts; the timer is cleared and the
 *   signal's reason is chained as `cause`.
 * @example
 * ```ts
 * await sleep(5_000, AbortSignal.timeout(60_000));
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    return Promise.reject(
      new TypeError('sleep(ms): ms must be a finite number of milliseconds >= 0'),
    );
  }
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFrom(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortErrorFrom(signal: AbortSignal): AbortError {
  return new AbortError('The wait was cancelled by the caller’s signal.', {
    cause: signal.reason,
  });
}

/**
 * The real clock and timers.
 */
export const systemRuntime: Runtime = Object.freeze({ now, sleep });

/**
 * Fills the runtime seams a caller left out with the system ones.
 *
 * @param options - The caller's options, possibly carrying `now` and `sleep`.
 * @returns A complete {@link Runtime}.
 * @throws TypeError when `now` or `sleep` is given but is not a function.
 * @example
 * ```ts
 * const { now } = resolveRuntime(options);
 * const requestedAt = now();
 * ```
 */
export function resolveRuntime(options?: RuntimeOptions): Runtime {
  const clock = options?.now ?? now;
  const wait = options?.sleep ?? sleep;
  if (typeof clock !== 'function' || typeof wait !== 'function') {
    throw new TypeError('options.now and options.sleep must be functions when given');
  }
  return { now: clock, sleep: wait };
}

type Undici = typeof import('undici');
let undici: Promise<Undici> | undefined;
let sharedDispatcher: Dispatcher | undefined;

/**
 * Loads undici on the first request rather than at import: a CLI that imports latch and
 * answers from its store never pays undici's start-up cost (about 100 ms).
 *
 * @returns The undici module.
 * @internal
 */
export function loadUndici(): Promise<Undici> {
  undici ??= import('undici');
  return undici;
}

/**
 * The dispatcher latch sends requests through when the caller gives neither `dispatcher` nor
 * `fetch`: one undici `EnvHttpProxyAgent`, created on first use and shared. undici itself reads
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (latch reads no environment variable).
 *
 * @returns The shared default dispatcher.
 * @internal
 */
export async function defaultDispatcher(): Promise<Dispatcher> {
  const { EnvHttpProxyAgent } = await loadUndici();
  sharedDispatcher ??= new EnvHttpProxyAgent();
  return sharedDispatcher;
}
