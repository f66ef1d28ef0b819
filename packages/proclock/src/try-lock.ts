import { mkdir } from 'node:fs/promises';
import { lockSync } from 'proper-lockfile';
import { type LockCompromisedError, LockFileError } from './errors.js';
import { HeldLock } from './lock.js';
import { trackOwnership } from './ownership-fs.js';

/**
 * Everything one attempt at a lock needs.
 * @internal
 */
export interface LockTarget {
  /** The lock's name. */
  readonly name: string;
  /** The lock directory (absolute). */
  readonly dir: string;
  /** The lock's directory entry (absolute). */
  readonly path: string;
  /** proper-lockfile's `stale`, in ms (≥ 2000). */
  readonly staleMs: number;
  /** The caller's handler for a takeover. */
  readonly onCompromised: ((error: LockCompromisedError) => void) | undefined;
}

/**
 * The outcome of one attempt: the lock, or the `ELOCKED` error of proper-lockfile when another
 * holder has it.
 * @internal
 */
export type LockAttempt =
  | { readonly held: true; readonly lock: HeldLock }
  | { readonly held: false; readonly cause: unknown };

/**
 * Tries once to take the lock with proper-lockfile, creating the lock directory (mode 0700)
 * when it is missing. A stale lock (mtime older than `staleMs`) is taken over.
 *
 * @param target - The lock.
 * @returns The held lock, or `held: false` when another holder has it.
 * @throws {@link LockFileError} when the file system refuses.
 * @internal
 */
export async function tryLock(target: LockTarget): Promise<LockAttempt> {
  try {
    return lockOnce(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(target, error);
  }
  try {
    await mkdir(target.dir, { recursive: true, mode: 0o700 });
    return lockOnce(target);
  } catch (error) {
    throw fileError(target, error);
  }
}

function lockOnce(target: LockTarget): LockAttempt {
  const tracker = trackOwnership(target.path);
  const held = new HeldLock({
    name: target.name,
    path: target.path,
    dir: target.dir,
    tracker,
    onCompromised: target.onCompromised,
  });
  let unlock: () => void;
  try {
    // One synchronous attempt (no retries: acquire() retries with its own back-off).
    unlock = lockSync(target.path, {
      realpath: false,
      lockfilePath: target.path,
      stale: target.staleMs,
      fs: tracker.fs,
      // proper-lockfile's default throws from a timer, which kills the process.
      onCompromised: (error) => held.compromise(error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return { held: false, cause: error };
    throw error;
  }
  tracker.acquired();
  held.attach(unlock);
  return { held: true, lock: held };
}

function fileError(target: LockTarget, cause: unknown): LockFileError {
  return new LockFileError({
    lockName: target.name,
    lockPath: target.path,
    dir: target.dir,
    operation: 'acquire',
    cause,
  });
}
