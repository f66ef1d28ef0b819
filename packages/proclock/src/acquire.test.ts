import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquire, DEFAULT_TIMEOUT_MS } from './acquire.js';
import { LockAbortedError, LockFileError, LockTimeoutError } from './errors.js';
import { lockFileName } from './lock-name.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

/** A clock that only moves when `sleep` is called, and a record of the sleeps. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe('acquire', () => {
  it('holds the lock until release, and release is idempotent', async () => {
    const lock = await acquire('job', { dir });
    expect(lock.name).toBe('job');
    expect(lock.path).toBe(join(dir, lockFileName('job')));
    expect(statSync(lock.path).isDirectory()).toBe(true);
    await expect(acquire('job', { dir, timeoutMs: 0 })).rejects.toBeInstanceOf(LockTimeoutError);

    await lock.release();
    expect(existsSync(lock.path)).toBe(false);
    await expect(lock.release()).resolves.toBeUndefined();
    // A second release must not remove the next holder's lock.
    const next = await acquire('job', { dir, timeoutMs: 0 });
    await lock.release();
    expect(existsSync(next.path)).toBe(true);
    expect(next.compromised).toBe(false);
    await next.release();
    expect(lock.compromised).toBe(false);
    expect(lock.signal.aborted).toBe(false);
  });

  it('hands the lock to one waiter at a time within a process', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const lock = await acquire('shared', { dir, timeoutMs: 10_000 });
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inside--;
        await lock.release();
      }),
    );
    expect(most).toBe(1);
  });

  it('keeps separate names apart', async () => {
    const a = await acquire('a', { dir });
    const b = await acquire('b', { dir, timeoutMs: 0 });
    await Promise.all([a.release(), b.release()]);
  });

  it('retries with a doubling, jittered backoff, then times out with LockTimeoutError', async () => {
    const holder = await acquire('busy', { dir });
    const time = fakeTime();
    const error = await acquire('busy', { dir, timeoutMs: 1000, random: () => 0.5, ...time }).catch(
      (e: unknown) => e,
    );
    await holder.release();

    expect(LockTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'lock_timeout',
      lockName: 'busy',
      lockPath: holder.path,
      timeoutMs: 1000,
    });
    expect((error as Error).message).toContain(dir);
    expect((error as { cause: { code: string } }).cause.code).toBe('ELOCKED');
    expect(time.slept.slice(0, 7)).toEqual([3.75, 7.5, 15, 30, 60, 75, 75]);
    // The last sleep is cut to the deadline; no attempt starts past it.
    expect(time.slept.reduce((sum, ms) => sum + ms, 0)).toBe(1000);
  });

  it('tries exactly once with timeoutMs: 0', async () => {
    const holder = await acquire('once', { dir });
    const time = fakeTime();
    await expect(acquire('once', { dir, timeoutMs: 0, ...time })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    expect(time.slept).toEqual([]);
    await holder.release();
  });

  it('waits 30 s by default', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    const holder = await acquire('default', { dir });
    const time = fakeTime();
    await expect(acquire('default', { dir, ...time })).rejects.toMatchObject({ timeoutMs: 30_000 });
    expect(time.slept.reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(30_000, 6);
    await holder.release();
  });

  it('gets a lock freed while it waits', async () => {
    const holder = await acquire('freed', { dir });
    setTimeout(() => void holder.release(), 50);
    const started = performance.now();
    const lock = await acquire('freed', { dir, timeoutMs: 5000 });
    expect(performance.now() - started).toBeLessThan(1000);
    await lock.release();
  });

  it('rejects with LockAbortedError soon after the signal aborts, whatever sleep does', async () => {
    const holder = await acquire('abort', { dir });
    const controller = new AbortController();
    const neverWakes = (): Promise<void> => new Promise(() => {});
    const waiting = acquire('abort', { dir, signal: controller.signal, sleep: neverWakes });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const reason = new Error('user pressed Ctrl-C');
    const abortedAt = performance.now();
    controller.abort(reason);
    const error = await waiting.catch((e: unknown) => e);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(LockAbortedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'lock_aborted', lockName: 'abort', cause: reason });
    await holder.release();
  });

  it('rejects at once for an aborted signal, touching nothing', async () => {
    const nested = join(dir, 'never');
    await expect(acquire('x', { dir: nested, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      LockAbortedError,
    );
    expect(existsSync(nested)).toBe(false);
  });

  it('gives back a lock obtained after the caller aborted', async () => {
    const controller = new AbortController();
    const attempt = acquire('late', { dir, signal: controller.signal });
    controller.abort();
    await expect(attempt).rejects.toBeInstanceOf(LockAbortedError);
    const lock = await acquire('late', { dir, timeoutMs: 2000 });
    await lock.release();
  });

  it('creates the lock directory and its parents with mode 0700', async () => {
    const nested = join(dir, 'a', 'b', 'locks');
    const lock = await acquire('x', { dir: nested });
    if (process.platform !== 'win32') {
      expect(statSync(nested).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
    }
    await lock.release();
  });

  it('puts only the hash of the name on disk, never the name', async () => {
    const secret = 'refresh-token-SENTINEL-7f3a9c';
    const lock = await acquire(secret, { dir });
    const entries = readdirSync(dir, { recursive: true }).map(String);
    expect(entries).toEqual([lockFileName(secret)]);
    expect(readdirSync(lock.path)).toEqual([]); // the entry is an empty directory
    expect(lock.path).not.toContain('SENTINEL');
    await lock.release();
  });

  it('throws LockFileError when the directory cannot be created', async () => {
    const file = join(dir, 'file');
    await writeFile(file, '');
    const error = await acquire('x', { dir: join(file, 'locks') }).catch((e: unknown) => e);
    expect(LockFileError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'acquire', cause: { code: 'ENOTDIR' } });
  });

  it('throws TypeError for bad arguments', async () => {
    const bad: [string, object][] = [
      ['', { dir }],
      ['x', { dir: 'relative' }],
      ['x', { dir, timeoutMs: -1 }],
      ['x', { dir, timeoutMs: Number.POSITIVE_INFINITY }],
      ['x', { dir, staleMs: 1999 }],
      ['x', { dir, staleMs: Number.NaN }],
      ['x', { dir, sleep: 5 }],
      ['x', { dir, onCompromised: 'log' }],
    ];
    for (const [name, options] of bad) {
      await expect(acquire(name, options)).rejects.toBeInstanceOf(TypeError);
    }
    await expect(acquire('x', null as never)).rejects.toBeInstanceOf(TypeError);
  });
});
