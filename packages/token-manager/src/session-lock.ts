import type { Lock } from '@latch/proclock';
import { Mutex } from './mutex.js';
import { afterQueuedCallbacks } from './system.js';
import type { ResolvedSeams } from './test-seams.js';
import type { ResolvedOptions } from './token-manager-options.js';

/**
 * The two locks every change to the stored session takes, always in this order: this process's
 * mutex, then the cross-process lock `latch-token-manager:<store key>` in the lock directory.
 * @internal
 */
export class SessionLock {
  readonly #mutex = new Mutex();
  readonly #name: string;
  readonly #options: ResolvedOptions;
  readonly #seams: () => ResolvedSeams;

  constructor(options: ResolvedOptions, seams: () => ResolvedSeams) {
    this.#options = options;
    this.#seams = seams;
    this.#name = `latch-token-manager:${options.key}`;
  }

  /**
   * Runs `work` holding both locks, and releases them.
   *
   * With `early`, the result is handed back as soon as the work is done and the cross-process
   * lock is released once the callers waiting for it have run (the mutex only after that, so the
   * next section still starts after the release): the callers sharing a refresh need not wait
   * for the file system.
   *
   * @throws What `work` throws, and the lock's errors (`LockTimeoutError`, `LockAbortedError`,
   *   `LockFileError`) or core's `AbortError` while waiting.
   */
  async run<T>(work: () => Promise<T>, signal: AbortSignal | undefined, early = false): Promise<T> {
    const unlock = await this.#mutex.lock(signal);
    const seams = this.#seams();
    let lock: Lock;
    try {
      lock = await seams.acquireLock(this.#name, {
        dir: this.#options.lockDir,
        timeoutMs: this.#options.lockTimeoutMs,
        staleMs: this.#options.lockStaleMs,
        signal,
        onCompromised: noop,
      });
    } catch (error) {
      unlock();
      throw error;
    }
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      await seams.onStep?.('locked');
      outcome = { ok: true, value: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // A lock that cannot be removed goes stale and is taken over; the work is done either way.
    const release = (): Promise<void> => lock.release().catch(noop).finally(unlock);
    if (early) afterQueuedCallbacks(release);
    else await release();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}

function noop(): void {}
