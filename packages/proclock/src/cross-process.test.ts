import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquire } from './acquire.js';
import { LockTimeoutError } from './errors.js';
import { lockFileName } from './lock-name.js';
import { assertDistFresh, startChild } from './test-support/children.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(() => {
  assertDistFresh();
});

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

describe('across processes', () => {
  it('lets 8 processes × 100 read-increment-write cycles lose no update', async () => {
    const counter = join(dir, 'counter.txt');
    await writeFile(counter, '0');
    const children = Array.from({ length: 8 }, () =>
      startChild('counter-child.mjs', [join(dir, 'locks'), counter, '100']),
    );
    const results = await Promise.all(children.map((child) => child.exited));
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(await readFile(counter, 'utf8')).toBe('800');
  }, 60_000);

  it('takes over the lock of a SIGKILLed holder within staleMs + 1 s', async () => {
    const staleMs = 2000;
    const holder = startChild('holder-child.mjs', [dir, 'crash', String(staleMs)]);
    await holder.waitForLine('locked');
    // proper-lockfile dates a new lock up to 1 s ahead; kill after its first refresh, as a
    // crash in the middle of real work would.
    const path = join(dir, lockFileName('crash'));
    while (statSync(path).mtimeMs > Date.now()) await new Promise((r) => setTimeout(r, 50));

    // Held: a waiter that gives up at once fails.
    await expect(acquire('crash', { dir, staleMs, timeoutMs: 0 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    holder.process.kill('SIGKILL');
    const killedAt = performance.now();
    expect((await holder.exited).signal).toBe('SIGKILL');
    expect(existsSync(path)).toBe(true); // a crash leaves the lock behind

    const lock = await acquire('crash', { dir, staleMs, timeoutMs: 10_000 });
    const elapsed = performance.now() - killedAt;
    await lock.release();
    expect(elapsed).toBeLessThanOrEqual(staleMs + 1000);
    // Not at once: the takeover waits for the lock to go stale (last refresh ≤ ~1 s before the kill).
    expect(elapsed).toBeGreaterThanOrEqual(500);
  }, 20_000);

  it.each(['withLock', 'signal', 'release'])(
    'reports a takeover to a stalled holder as LockCompromisedError, without a crash (%s)',
    async (mode) => {
      const goFile = join(dir, 'go');
      const stalled = startChild('stall-child.mjs', [dir, 'stall', goFile, mode]);
      await stalled.waitForLine('locked');

      // The child's event loop is blocked: its lock goes stale and is taken over.
      const lock = await acquire('stall', { dir, staleMs: 2000, timeoutMs: 10_000 });
      await writeFile(goFile, '');
      const { code, stdout, stderr } = await stalled.exited;
      expect(code, stderr).toBe(0);
      const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
      const typed = {
        code: 'lock_compromised',
        name: 'LockCompromisedError',
        typed: true,
        branded: true,
      };
      if (mode === 'withLock') expect(report.withLock).toEqual(typed);
      else expect(report).toMatchObject({ signal: typed, compromised: true });
      expect(report).toMatchObject({ onCompromised: 1, onCompromisedCode: 'lock_compromised' });

      // The stalled process neither removed our lock on release nor on exit.
      expect(lock.compromised).toBe(false);
      expect(existsSync(lock.path)).toBe(true);
      await lock.release();
      expect(existsSync(lock.path)).toBe(false);
    },
    20_000,
  );
});
