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
  #lingering: Lock | undefined;

  constructor(options: ResolvedOptions, seams: () => ResolvedSeams) {
    this.#options = options;
    this.#seams = seams;
    this.#name = `latch-token-manager:${options.key}`;
  }

  /**
   * Runs `work` holding both locks, and releases them.
   *
   * With `early`, the result is handed back as soon as the work is done, and the cross-process
   * lock is released once the callers waiting for it have run: the callers sharing a refresh
   * need not wait for the file system. Until that release, the lock lingers: a section of this
   * process that starts meanwhile (one after another in a burst) takes it over as it is instead
   * of releasing and taking it again. A lock reported lost is never taken over.
   *
   * @throws What `work` throws, and the lock's errors (`LockTimeoutError`, `LockAbortedError`,
   *   `LockFileError`) or core's `AbortError` while waiting.
   */
  async run<T>(work: () => Promise<T>, signal: AbortSignal | undefined, early = false): Promise<T> {
    const unlock = await this.#mutex.lock(signal);
    const seams = this.#seams();
    let lock: Lock;
    try {
      lock = this.#takeLingering() ?? (await this.#acquire(seams, signal));
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
    if (early) {
      this.#lingering = lock;
      unlock();
      afterQueuedCallbacks(() => {
        // Only this section's lock: a later section may have taken it over, released it, and
        // left a lock of its own lingering, which its own callback releases.
        if (this.#lingering !== lock) return;
        this.#lingering = undefined;
        void release(lock);
      });
    } else {
      await release(lock);
      unlock();
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The lock an early section left behind, unless it was lost meanwhile (then released). */
  #takeLingering(): Lock | undefined {
    const lock = this.#lingering;
    this.#lingering = undefined;
    if (lock === undefined || !lock.compromised) return lock;
    void release(lock);
    return undefined;
  }

  #acquire(seams: ResolvedSeams, signal: AbortSignal | undefined): Promise<Lock> {
    return seams.acquireLock(this.#name, {
      dir: this.#options.lockDir,
      timeoutMs: this.#options.lockTimeoutMs,
      staleMs: this.#options.lockStaleMs,
      signal,
      onCompromised: noop,
    });
  }
}

/** Releases `lock`; one that cannot be removed goes stale and is taken over. */
function release(lock: Lock): Promise<void> {
  return lock.release().catch(noop);
}

function noop(): void {}
