import { LockCompromisedError, LockFileError } from './errors.js';
import type { OwnershipTracker } from './ownership-fs.js';

/**
 * A held cross-process lock, as `acquire` returns it.
 *
 * Hold it briefly and keep the event loop free meanwhile: the lock stays fresh only while
 * proper-lockfile's refresh timer runs (every `staleMs / 2`, at least every second). A holder
 * blocked for longer than `staleMs` may lose the lock to another process; it then learns so
 * through {@link Lock.signal}, {@link Lock.compromised} and the `onCompromised` option.
 */
export interface Lock {
  /** The name the lock was acquired under. */
  readonly name: string;
  /** The absolute path of the lock's directory entry, `<dir>/<sha256 of the name>.lock`. */
  readonly path: string;
  /**
   * Aborts, with a {@link LockCompromisedError} as its `reason`, if another process takes the
   * lock over. Pass it to the work done under the lock (`fetch(url, { signal: lock.signal })`)
   * or call `lock.signal.throwIfAborted()` before a write. It does not abort on `release`.
   */
  readonly signal: AbortSignal;
  /** `true` once this process is known to have lost the lock to another process. */
  readonly compromised: boolean;
  /**
   * Releases the lock: removes its directory entry unless another process has taken it over.
   * Idempotent: later calls do nothing but wait for the first to finish, and never reject.
   *
   * A takeover discovered here is reported like any other (the signal aborts, `onCompromised`
   * runs, `compromised` turns `true`) and the promise still resolves.
   *
   * @returns A promise that resolves once the lock is released.
   * @throws {@link LockFileError} (first call only) when the directory entry cannot be removed.
   */
  release(): Promise<void>;
}

/**
 * What a {@link HeldLock} needs to know about itself.
 * @internal
 */
export interface HeldLockInit {
  /** The lock's name. */
  readonly name: string;
  /** The lock's directory entry. */
  readonly path: string;
  /** The lock directory. */
  readonly dir: string;
  /** Observes the entry's mtime to tell whether it is still ours. */
  readonly tracker: OwnershipTracker;
  /** Called once, with the typed error, when the lock is found compromised. */
  readonly onCompromised: ((error: LockCompromisedError) => void) | undefined;
}

type State = 'held' | 'releasing' | 'released' | 'compromised';

/**
 * The {@link Lock} implementation over one proper-lockfile lock.
 * @internal
 */
export class HeldLock implements Lock {
  readonly name: string;
  readonly path: string;
  readonly #init: HeldLockInit;
  readonly #controller = new AbortController();
  #state: State = 'held';
  #unlock: (() => void) | undefined;
  #releasing: Promise<void> | undefined;

  constructor(init: HeldLockInit) {
    this.name = init.name;
    this.path = init.path;
    this.#init = init;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get compromised(): boolean {
    return this.#state === 'compromised';
  }

  /** Hands over proper-lockfile's release function once `lock()` resolves. */
  attach(unlock: () => void): void {
    this.#unlock = unlock;
  }

  /** Marks the lock as taken over and tells the caller; does nothing once released. */
  compromise(cause: unknown): void {
    if (this.#state === 'released' || this.#state === 'compromised') return;
    this.#state = 'compromised';
    this.#init.tracker.disown();
    const error = new LockCompromisedError({ lockName: this.name, lockPath: this.path, cause });
    this.#controller.abort(error);
    try {
      this.#init.onCompromised?.(error);
    } catch {
      // The handler runs from a timer: rethrowing would crash the process, the very outcome
      // this handler exists to prevent. The signal and `compromised` still carry the news.
    }
  }

  release(): Promise<void> {
    if (this.#releasing) return this.#releasing.then(noop, noop);
    this.#releasing = this.#release();
    return this.#releasing;
  }

  async #release(): Promise<void> {
    if (this.#state !== 'held') return;
    this.#state = 'releasing';
    let owned = true;
    try {
      owned = this.#init.tracker.stillOwned();
    } catch {
      // Unreadable for another reason: let proper-lockfile try, and report what it finds.
    }
    if (!owned) this.compromise(new Error('The lock directory was removed or re-created.'));
    // proper-lockfile's own refresh timer may have reported a takeover meanwhile.
    if (this.compromised) return;
    // From here on, proper-lockfile forgets the lock synchronously; a late report of its
    // refresh timer finding the directory gone is our own removal, not a takeover.
    this.#state = 'released';
    try {
      this.#unlock?.();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERELEASED') return;
      throw new LockFileError({
        lockName: this.name,
        lockPath: this.path,
        dir: this.#init.dir,
        operation: 'release',
        cause: error,
      });
    }
  }
}

function noop(): void {}
