import { join } from 'node:path';
import { retryDelayMs } from './backoff.js';
import { LockAbortedError, type LockCompromisedError, LockTimeoutError } from './errors.js';
import type { Lock } from './lock.js';
import { lockFileName, resolveLockDir } from './lock-name.js';
import { systemNow, systemRandom, systemSleep } from './system.js';
import { type LockAttempt, type LockTarget, tryLock } from './try-lock.js';

/** How long `acquire` waits for a held lock by default: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** After how long without a refresh a lock counts as abandoned by default: 10 s. */
export const DEFAULT_STALE_MS = 10_000;

/** The smallest `staleMs` accepted: 2 s (proper-lockfile's floor). */
export const MIN_STALE_MS = 2_000;

/**
 * Options of {@link acquire} and {@link withLock}.
 */
export interface AcquireOptions {
  /**
   * The directory the lock lives in, an absolute path; created with mode 0700 (and missing
   * parents) when it does not exist. Every process sharing a lock must use the same one.
   * Default: {@link defaultLockDir}`()`, `latch/locks` under the user's cache directory.
   */
  readonly dir?: string | undefined;
  /** Stops waiting for the lock: `acquire` rejects with {@link LockAbortedError}. Default: none. */
  readonly signal?: AbortSignal | undefined;
  /**
   * How long to wait for a lock another holder has, in milliseconds; `0` tries once. Then
   * `acquire` rejects with {@link LockTimeoutError}. Default: {@link DEFAULT_TIMEOUT_MS} (30 s).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * After how long without a refresh a held lock counts as abandoned (its holder crashed) and
   * may be taken over, in milliseconds; at least {@link MIN_STALE_MS}. The holder refreshes it
   * every `staleMs / 2` (at most every second). All processes sharing a lock should use the
   * same value. Default: {@link DEFAULT_STALE_MS} (10 s).
   */
  readonly staleMs?: number | undefined;
  /**
   * Called, once, if this process loses the lock to another process after holding it past
   * `staleMs` without a refresh. It runs from a timer: what it throws is ignored. The same
   * error is the reason of the lock's `signal`. Default: none (the process never crashes).
   */
  readonly onCompromised?: ((error: LockCompromisedError) => void) | undefined;
  /** Returns the current time in epoch milliseconds, for the timeout. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /**
   * Waits `ms` milliseconds between attempts unless `signal` aborts. Default: a `setTimeout`.
   */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Returns a number in [0, 1) for the retry jitter. Default: `Math.random`. */
  readonly random?: (() => number) | undefined;
}

const ABORTED = Symbol('aborted');

/**
 * Acquires the cross-process lock `name`, waiting while another process (or another `acquire`
 * in this one — the lock is not reentrant) holds it.
 *
 * The lock is an empty directory `<dir>/<sha256 of name>.lock` created atomically by
 * proper-lockfile, which keeps its mtime fresh while it is held. A lock whose holder crashed is
 * taken over once its mtime is older than `staleMs`. While waiting, `acquire` retries every
 * 5 ms doubling to 100 ms, with jitter.
 *
 * @param name - The lock's name: any non-empty string. Only its SHA-256 reaches the file system,
 *   but error messages quote it, so do not put a secret in it.
 * @param options - Directory, signal, timeout, staleness and injectable clock, sleep, random.
 * @returns The held {@link Lock}; call its `release()` when done (or use {@link withLock}).
 * @throws TypeError when `name` or an option is invalid.
 * @throws {@link LockTimeoutError} when the lock stayed held for `timeoutMs`.
 * @throws {@link LockAbortedError} when `signal` aborts first (at once, even mid-attempt).
 * @throws {@link LockFileError} when the lock directory cannot be created or written.
 * @example
 * ```ts
 * const lock = await acquire('refresh:https://login.example.com', { timeoutMs: 10_000 });
 * try {
 *   await refreshTokens({ signal: lock.signal });
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquire(name: string, options: AcquireOptions = {}): Promise<Lock> {
  const { target, timeoutMs, now, sleep, random } = resolveOptions(name, options);
  const { signal } = options;
  const aborted = (): LockAbortedError =>
    new LockAbortedError({ lockName: target.name, lockPath: target.path, cause: signal?.reason });
  if (signal?.aborted) throw aborted();

  const deadline = now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const trying = tryLock(target);
    let outcome: LockAttempt;
    try {
      outcome = await untilAborted(trying, signal);
    } catch (error) {
      if (error !== ABORTED) throw error;
      // The attempt may still succeed: give that lock straight back.
      trying.then((late) => (late.held ? late.lock.release() : undefined)).catch(noop);
      throw aborted();
    }
    if (outcome.held) return outcome.lock;

    const remaining = deadline - now();
    if (!(remaining > 0)) {
      throw new LockTimeoutError({
        lockName: target.name,
        lockPath: target.path,
        timeoutMs,
        cause: outcome.cause,
      });
    }
    try {
      await untilAborted(
        sleep(Math.min(retryDelayMs(attempt, random()), remaining), signal),
        signal,
      );
    } catch (error) {
      if (error === ABORTED || signal?.aborted) throw aborted();
      throw error;
    }
  }
}

interface Resolved {
  readonly target: LockTarget;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

function resolveOptions(name: string, options: AcquireOptions): Resolved {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('acquire(name, options): options must be an object when given.');
  }
  const file = lockFileName(name);
  const dir = resolveLockDir(options.dir);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new TypeError('options.timeoutMs must be a finite number of milliseconds >= 0.');
  }
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  if (typeof staleMs !== 'number' || !Number.isFinite(staleMs) || staleMs < MIN_STALE_MS) {
    throw new TypeError(
      `options.staleMs must be a finite number of milliseconds >= ${MIN_STALE_MS}.`,
    );
  }
  for (const key of ['onCompromised', 'now', 'sleep', 'random'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw new TypeError(`options.${key} must be a function when given.`);
    }
  }
  return {
    target: {
      name,
      dir,
      path: join(dir, file),
      staleMs,
      onCompromised: options.onCompromised,
    },
    timeoutMs,
    now: options.now ?? systemNow,
    sleep: options.sleep ?? systemSleep,
    random: options.random ?? systemRandom,
  };
}

/** Settles like `work`, or rejects with {@link ABORTED} as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(ABORTED);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function noop(): void {}
