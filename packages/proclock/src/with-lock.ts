import { type AcquireOptions, acquire } from './acquire.js';
import type { Lock } from './lock.js';

/**
 * Options of {@link withLock}: the same as {@link acquire}'s.
 */
export type WithLockOptions = AcquireOptions;

/**
 * Runs `fn` while holding the cross-process lock `name`, and always releases it.
 *
 * `fn` receives the {@link Lock}; pass `lock.signal` to what it waits on, or call
 * `lock.signal.throwIfAborted()` before a write. `withLock` settles only after `fn` settles:
 * - with `fn`'s result, when `fn` succeeded and the lock held throughout;
 * - with a {@link LockCompromisedError}, when another process took the lock over meanwhile
 *   (found by the refresh timer or on release) — whatever `fn` returned or threw;
 * - with `fn`'s error, when `fn` threw;
 * - with a {@link LockFileError}, when `fn` succeeded but the lock could not be removed.
 *
 * @param name - The lock's name (see {@link acquire}).
 * @param fn - The work to do under the lock.
 * @param options - As for {@link acquire}. Default: `{}`.
 * @returns What `fn` returned.
 * @throws TypeError when `fn` is not a function, or as {@link acquire} does.
 * @throws {@link LockTimeoutError}, {@link LockAbortedError}, {@link LockFileError} as
 *   {@link acquire} does, before `fn` runs.
 * @throws {@link LockCompromisedError} when the lock was lost while `fn` ran.
 * @example
 * ```ts
 * const tokens = await withLock('refresh', async (lock) => {
 *   const stored = await store.get();
 *   if (!needsRefresh(stored)) return stored; // another process refreshed first
 *   const fresh = await refreshTokens(stored, { signal: lock.signal });
 *   await store.set(fresh);
 *   return fresh;
 * });
 * ```
 */
export async function withLock<T>(
  name: string,
  fn: (lock: Lock) => T | PromiseLike<T>,
  options?: WithLockOptions,
): Promise<T> {
  if (typeof fn !== 'function') {
    throw new TypeError('withLock(name, fn, options): fn must be a function.');
  }
  const lock = await acquire(name, options);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn(lock) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  try {
    await lock.release();
  } catch (error) {
    if (outcome.ok) outcome = { ok: false, error };
  }
  if (lock.compromised) throw lock.signal.reason;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
