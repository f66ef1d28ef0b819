import * as fs from 'node:fs';

/**
 * The synchronous file system functions proper-lockfile's `lockSync` calls, passed to it through
 * its public `fs` option.
 *
 * Lock operations are a handful of metadata system calls on one small directory. Run on libuv's
 * thread pool, each would cost a round trip that is longer than the call itself and would queue
 * behind unrelated file, DNS and crypto work; run synchronously (as `lockSync` does), taking and
 * releasing a lock costs tens of microseconds.
 * @internal
 */
export interface LockfileFs {
  /** `fs.mkdirSync`: creates the lock directory (the atomic step). */
  readonly mkdirSync: typeof fs.mkdirSync;
  /** `fs.rmdirSync`, guarded: removes the lock directory unless the lock was lost. */
  rmdirSync(path: string): void;
  /** `fs.realpathSync`: unused with `realpath: false`, present for completeness. */
  readonly realpathSync: typeof fs.realpathSync;
  /** `fs.statSync`, observed: reads the lock directory's mtime. */
  statSync(path: string): fs.Stats;
  /** `fs.utimesSync`, observed: refreshes the lock directory's mtime. */
  utimesSync(path: string, atime: Date, mtime: Date): void;
}

/**
 * Watches the mtimes proper-lockfile gives one lock directory, to tell later whether the
 * directory on disk is still the one this process holds.
 * @internal
 */
export interface OwnershipTracker {
  /** The `fs` to hand to proper-lockfile for this lock. */
  readonly fs: LockfileFs;
  /** Marks the lock as acquired: later reads of the directory no longer set the expected mtime. */
  acquired(): void;
  /**
   * Marks the lock as lost to another process: from now on this `fs` refuses to remove the
   * directory, which is the other process's lock. (proper-lockfile removes every lock it
   * believes held when the process exits; it may not have noticed the takeover yet.)
   */
  disown(): void;
  /**
   * Whether the lock directory is still ours: it exists and its mtime is the last one
   * proper-lockfile read at acquisition or wrote since.
   *
   * @returns `false` when the directory is gone or another process re-created it.
   * @throws The file system's error when the directory cannot be read for another reason.
   */
  stillOwned(): boolean;
}

/**
 * Creates the observing `fs` for one lock directory.
 *
 * proper-lockfile notices a takeover only when its refresh timer next runs. A holder whose event
 * loop was blocked past `stale` and that releases before that timer fires would remove the new
 * holder's directory. Knowing the mtime our process last set lets `release` see the takeover
 * first and leave the other process's lock alone.
 *
 * @param lockPath - The absolute path of the lock directory.
 * @returns The tracker.
 * @internal
 */
export function trackOwnership(lockPath: string): OwnershipTracker {
  let expectedMtimeMs: number | undefined;
  let isAcquired = false;
  let isDisowned = false;

  const observed: LockfileFs = {
    mkdirSync: fs.mkdirSync,
    rmdirSync(path) {
      if (!(isDisowned && path === lockPath)) fs.rmdirSync(path);
    },
    realpathSync: fs.realpathSync,
    statSync(path) {
      const stats = fs.statSync(path);
      // At acquisition, proper-lockfile's last read of the directory is the mtime it keeps.
      if (!isAcquired && path === lockPath) expectedMtimeMs = stats.mtime.getTime();
      return stats;
    },
    utimesSync(path, atime, mtime) {
      fs.utimesSync(path, atime, mtime);
      if (path === lockPath) expectedMtimeMs = mtime.getTime();
    },
  };

  return {
    fs: observed,
    acquired() {
      isAcquired = true;
    },
    disown() {
      isDisowned = true;
    },
    stillOwned() {
      let mtimeMs: number;
      try {
        mtimeMs = fs.statSync(lockPath).mtime.getTime();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      return mtimeMs === expectedMtimeMs;
    },
  };
}
