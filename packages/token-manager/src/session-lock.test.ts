import { existsSync } from 'node:fs';
import { acquire, type Lock, LockTimeoutError, lockFilePath } from '@latch/proclock';
import { MemoryStore } from '@latch/tokenstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionLock } from './session-lock.js';
import { systemSeams } from './system.js';
import type { ResolvedSeams } from './test-seams.js';
import { tempDir } from './test-support/fixtures.js';
import { resolveOptions } from './token-manager-options.js';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const NAME = 'latch-token-manager:https://as.example#default';
const options = () =>
  resolveOptions({
    issuer: 'https://as.example',
    clientId: 'c',
    store: new MemoryStore(),
    lockDir: dir.path,
    lockTimeoutMs: 0,
  });

describe('SessionLock', () => {
  it('holds the cross-process lock during the work and releases it before resolving', async () => {
    const lock = new SessionLock(options(), () => systemSeams);
    const path = lockFilePath(NAME, dir.path);
    const held = await lock.run(async () => existsSync(path), undefined);
    expect(held).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('runs sections of one process one at a time, in order', async () => {
    const lock = new SessionLock(options(), () => systemSeams);
    const order: string[] = [];
    const section = (name: string) =>
      lock.run(
        async () => {
          order.push(`${name} in`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`${name} out`);
        },
        undefined,
        name === 'a',
      );
    await Promise.all([section('a'), section('b')]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('passes on a lock error and frees the mutex for the next section', async () => {
    const other = await acquire(NAME, { dir: dir.path });
    const lock = new SessionLock(options(), () => systemSeams);
    await expect(lock.run(async () => 'never', undefined)).rejects.toBeInstanceOf(LockTimeoutError);
    await other.release();
    expect(await lock.run(async () => 'next', undefined)).toBe('next');
  });

  it("hands back the work's result even when the lock cannot be removed", async () => {
    // A file system that refuses the removal cannot be arranged as root: a lock that fails.
    const failing: Lock = {
      name: NAME,
      path: '/nonexistent',
      signal: new AbortController().signal,
      compromised: false,
      release: () => Promise.reject(new Error('EACCES')),
    };
    const seams: ResolvedSeams = { ...systemSeams, acquireLock: async () => failing };
    const lock = new SessionLock(options(), () => seams);
    expect(await lock.run(async () => 'done', undefined)).toBe('done');
    await expect(
      lock.run(async () => Promise.reject(new Error('work failed')), undefined),
    ).rejects.toThrow('work failed');
  });

  it('hands a lock released early to a section that starts before the release, then releases it', async () => {
    let acquired = 0;
    const seams: ResolvedSeams = {
      ...systemSeams,
      acquireLock: (name, lockOptions) => {
        acquired += 1;
        return acquire(name, lockOptions);
      },
    };
    const lock = new SessionLock(options(), () => seams);
    const path = lockFilePath(NAME, dir.path);
    // Two early sections back to back (a burst): one acquisition, held throughout.
    const first = lock.run(async () => existsSync(path), undefined, true);
    const second = lock.run(async () => existsSync(path), undefined, true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(acquired).toBe(1);
    // Released once the burst's callers ran; the next section acquires again.
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(path)).toBe(false);
    expect(await lock.run(async () => existsSync(path), undefined)).toBe(true);
    expect(acquired).toBe(2);
    expect(existsSync(path)).toBe(false);
  });

  it('never hands over a lock reported lost: it acquires a new one', async () => {
    const lost: Lock = {
      name: NAME,
      path: '/nonexistent',
      signal: AbortSignal.abort(),
      compromised: true,
      release: async () => {},
    };
    let acquired = 0;
    const seams: ResolvedSeams = {
      ...systemSeams,
      acquireLock: async (name, lockOptions) => {
        acquired += 1;
        return acquired === 1 ? lost : acquire(name, lockOptions);
      },
    };
    const lock = new SessionLock(options(), () => seams);
    const first = lock.run(async () => 'first', undefined, true);
    const second = lock.run(async () => existsSync(lockFilePath(NAME, dir.path)), undefined);
    expect(await first).toBe('first');
    expect(await second).toBe(true);
    expect(acquired).toBe(2);
  });

  it('releases every lock of a sequence early, then late, then early (none is left held)', async () => {
    const lock = new SessionLock(options(), () => systemSeams);
    const path = lockFilePath(NAME, dir.path);
    // Work with no I/O: a fresh acquire can then finish before the first release callback.
    const a = lock.run(async () => 'a', undefined, true);
    const b = lock.run(async () => 'b', undefined);
    const c = lock.run(async () => 'c', undefined, true);
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(path)).toBe(false);
    // Another holder (another process) gets the lock at once.
    const other = await acquire(NAME, { dir: dir.path, timeoutMs: 0 });
    await other.release();
  });
});
