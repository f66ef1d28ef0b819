import { existsSync } from 'node:fs';
import { mkdir, rmdir, utimes } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquire } from './acquire.js';
import { LockCompromisedError, LockTimeoutError } from './errors.js';
import type { Lock } from './lock.js';
import { tempDir } from './test-support/temp-dir.js';
import { withLock } from './with-lock.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

describe('withLock', () => {
  it('runs fn under the lock, returns its result and releases', async () => {
    let seen: Lock | undefined;
    const result = await withLock(
      'job',
      async (lock) => {
        seen = lock;
        await expect(acquire('job', { dir, timeoutMs: 0 })).rejects.toBeInstanceOf(
          LockTimeoutError,
        );
        return 42;
      },
      { dir },
    );
    expect(result).toBe(42);
    expect(seen?.name).toBe('job');
    expect(existsSync(seen?.path ?? '')).toBe(false);
  });

  it('releases when fn throws, and rethrows its error', async () => {
    const failure = new Error('boom');
    let path = '';
    await expect(
      withLock(
        'job',
        (lock) => {
          path = lock.path;
          throw failure;
        },
        { dir },
      ),
    ).rejects.toBe(failure);
    expect(existsSync(path)).toBe(false);
    await (await acquire('job', { dir, timeoutMs: 0 })).release();
  });

  it('rejects with LockCompromisedError when the lock was taken over during fn', async () => {
    let path = '';
    const error = await withLock(
      'job',
      async (lock) => {
        path = lock.path;
        await rmdir(lock.path);
        await mkdir(lock.path);
        const later = new Date(Date.now() + 5000);
        await utimes(lock.path, later, later);
        return 'done';
      },
      { dir },
    ).catch((e: unknown) => e);
    expect(LockCompromisedError.isInstance(error)).toBe(true);
    expect(existsSync(path)).toBe(true); // the other holder's lock is untouched
  });

  it('does not run fn when the lock cannot be had', async () => {
    const holder = await acquire('job', { dir });
    let ran = false;
    await expect(
      withLock(
        'job',
        () => {
          ran = true;
        },
        { dir, timeoutMs: 0 },
      ),
    ).rejects.toBeInstanceOf(LockTimeoutError);
    expect(ran).toBe(false);
    await holder.release();
  });

  it('throws TypeError when fn is not a function', async () => {
    await expect(withLock('job', 'nope' as never, { dir })).rejects.toBeInstanceOf(TypeError);
  });
});
