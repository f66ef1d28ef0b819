import * as fs from 'node:fs';

type ErrnoCallback = (error: NodeJS.ErrnoException | null) => void;
type StatCallback = (error: NodeJS.ErrnoException | null, stats: fs.Stats) => void;

/**
 * The file system functions proper-lockfile calls, passed to it through its public `fs` option.
 * @internal
 */
export interface LockfileFs {
  /** `fs.mkdir`: creates the lock directory (the atomic step). */
  readonly mkdir: typeof fs.mkdir;
  /** `fs.rmdir`, guarded: removes the lock directory unless the lock was lost. */
  rmdir(path: string, callback: ErrnoCallback): void;
  /** `fs.rmdirSync`, guarded: removes held locks when the process exits, unless lost. */
  rmdirSync(path: string): void;
  /** `fs.realpath`: unused with `realpath: false`, present for completeness. */
  readonly realpath: typeof fs.realpath;
  /** `fs.stat`, observed: reads the lock directory's mtime. */
  stat(path: string, callback: StatCallback): void;
  /** `fs.utimes`, observed: refreshes the lock directory's mtime. */
  utimes(path: string, atime: Date, mtime: Date, callback: ErrnoCallback): void;
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
   * proper-lockfile read at acquisition or wrote since (or one it is writing).
   *
   * @returns `false` when the directory is gone or another process re-created it.
   * @throws The file system's error when the directory cannot be read for another reason.
   */
  stillOwned(): Promise<boolean>;
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
  // mtimes being written right now: the disk may already show one before its callback runs.
  const writing = new Set<number>();
  const ours = (): number[] =>
    expectedMtimeMs === undefined ? [...writing] : [expectedMtimeMs, ...writing];

  const observed: LockfileFs = {
    mkdir: fs.mkdir,
    rmdir(path, callback) {
      if (isDisowned && path === lockPath) callback(null);
      else fs.rmdir(path, callback);
    },
    rmdirSync(path) {
      if (!(isDisowned && path === lockPath)) fs.rmdirSync(path);
    },
    realpath: fs.realpath,
    stat(path, callback) {
      fs.stat(path, (error, stats) => {
        // At acquisition, proper-lockfile's last read of the directory is the mtime it keeps.
        if (!error && !isAcquired && path === lockPath) expectedMtimeMs = stats.mtime.getTime();
        callback(error, stats);
      });
    },
    utimes(path, atime, mtime, callback) {
      const ms = mtime.getTime();
      const mine = path === lockPath;
      if (mine) writing.add(ms);
      fs.utimes(path, atime, mtime, (error) => {
        if (mine) {
          writing.delete(ms);
          if (!error) expectedMtimeMs = ms;
        }
        callback(error);
      });
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
    async stillOwned() {
      // A refresh may finish while the stat runs: the disk may show the mtime from before,
      // during, or after it, and each of those is ours.
      const accepted = new Set(ours());
      let mtimeMs: number;
      try {
        mtimeMs = (await fs.promises.stat(lockPath)).mtime.getTime();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      for (const ms of ours()) accepted.add(ms);
      return accepted.has(mtimeMs);
    },
  };
}
