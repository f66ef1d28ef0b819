import { existsSync } from 'node:fs';
import { mkdir, rmdir, utimes } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquire } from './acquire.js';
import { LockCompromisedError } from './errors.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

/** What another process does when it takes a stale lock over: remove it and create it anew. */
async function takeOver(path: string): Promise<void> {
  await rmdir(path);
  await mkdir(path);
  const later = new Date(Date.now() + 5000);
  await utimes(path, later, later);
}

describe('a lock taken over by another process', () => {
  it('is reported on release through signal, compromised and onCompromised, and left alone', async () => {
    const onCompromised = vi.fn();
    const lock = await acquire('job', { dir, onCompromised });
    await takeOver(lock.path);

    await expect(lock.release()).resolves.toBeUndefined();
    expect(lock.compromised).toBe(true);
    expect(lock.signal.aborted).toBe(true);
    expect(LockCompromisedError.isInstance(lock.signal.reason)).toBe(true);
    expect(lock.signal.reason).toMatchObject({ lockName: 'job', lockPath: lock.path });
    expect(onCompromised).toHaveBeenCalledTimes(1);
    expect(onCompromised).toHaveBeenCalledWith(lock.signal.reason);
    // The new holder's lock is still there.
    expect(existsSync(lock.path)).toBe(true);

    await lock.release();
    expect(onCompromised).toHaveBeenCalledTimes(1);
    expect(existsSync(lock.path)).toBe(true);
  });

  it('is reported when its directory was removed', async () => {
    const lock = await acquire('gone', { dir });
    await rmdir(lock.path);
    await lock.release();
    expect(lock.compromised).toBe(true);
    expect(existsSync(lock.path)).toBe(false);
  });

  it('survives an onCompromised that throws', async () => {
    const lock = await acquire('job', {
      dir,
      onCompromised: () => {
        throw new Error('handler bug');
      },
    });
    await takeOver(lock.path);
    await expect(lock.release()).resolves.toBeUndefined();
    expect(lock.signal.reason).toBeInstanceOf(LockCompromisedError);
  });

  it('is not reported for a lock refreshed while held', async () => {
    // staleMs 2000 → proper-lockfile refreshes the mtime after 1 s.
    const lock = await acquire('held', { dir, staleMs: 2000 });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await lock.release();
    expect(lock.compromised).toBe(false);
    expect(existsSync(lock.path)).toBe(false);
  });
});
