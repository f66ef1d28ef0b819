import type { ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore } from './encrypted-file-store.js';
import { assertDistFresh, runChild, startChild } from './test-support/children.js';
import { tempDir } from './test-support/temp-dir.js';

// Real processes on a real file system: several writers at once, and writers killed mid-write.

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(() => assertDistFresh());
beforeEach(async () => {
  const temp = await tempDir();
  dir = temp.path;
  removeDir = temp.remove;
});
afterEach(() => removeDir());

describe('EncryptedFileStore across processes', () => {
  it('loses nothing when 8 processes each make 100 saves and 100 updates at once', async () => {
    const writers = 8;
    const count = 100;
    await Promise.all(
      Array.from({ length: writers }, (_, id) =>
        runChild('concurrent-writer.mjs', [dir, String(id), String(count)]),
      ),
    );
    const store = new EncryptedFileStore({ service: 'concurrency', dir });
    for (let id = 0; id < writers; id++) {
      for (let i = 0; i < count; i++) {
        expect((await store.load(`writer-${id}-${i}`))?.accessToken).toBe(`${id}-${i}`);
      }
    }
    expect((await store.load('counter'))?.accessToken).toBe(String(writers * count));
  }, 120_000);

  it('always holds a complete old or new value when a writer is SIGKILLed at random points', async () => {
    // Each kill costs a fresh Node process, so the run is bounded: 300 kills, or as many as fit
    // in 40 s beside the other suites on a 2-core machine, and never fewer than 60.
    const maxKills = 300;
    const budgetMs = 40_000;
    const lanes = 2; // one per core
    const started = Date.now();
    let kills = 0;
    let afterASave = 0; // kills that found a value written by the killed child itself
    let failed = false; // once one lane fails, the other stops too
    const running = new Set<ChildProcess>();
    const lane = async (laneDir: string): Promise<void> => {
      const store = new EncryptedFileStore({ service: 'crash', dir: laneDir });
      let seen = -1;
      while (!failed && kills < maxKills && Date.now() - started < budgetMs) {
        kills++;
        const first = kills * 1_000_000;
        const child = startChild('crash-writer.mjs', [laneDir, String(first)]);
        running.add(child.process);
        try {
          await child.waitForLine('ready');
          await delay(Math.random() * 40);
        } finally {
          child.process.kill('SIGKILL');
          await child.exited;
          running.delete(child.process);
        }
        const tokens = await store.load('account'); // throws CorruptStoreError if torn
        if (tokens === undefined) {
          expect(seen, 'a value once written never disappears').toBe(-1);
          continue;
        }
        const n = tokens.expiresAt as number;
        expect(tokens.accessToken).toBe(`A${n}-${'x'.repeat(16_384)}`);
        expect(tokens.refreshToken).toBe(`R${n}`);
        expect(tokens.scope).toBe(`s${n}`);
        expect(n).toBeGreaterThanOrEqual(seen);
        if (n >= first) afterASave++;
        seen = n;
      }
    };
    const laneDirs = Array.from({ length: lanes }, (_, i) => `${dir}/lane-${i}`);
    try {
      await Promise.all(
        laneDirs.map((laneDir) =>
          lane(laneDir).catch((error: unknown) => {
            failed = true;
            throw error;
          }),
        ),
      );
    } finally {
      failed = true;
      for (const child of running) child.kill('SIGKILL');
    }
    console.log(
      `crash test: ${kills} SIGKILLs in ${Date.now() - started} ms, ${afterASave} after the ` +
        'killed writer had completed a save',
    );
    expect(kills).toBeGreaterThanOrEqual(60);
    // Writers must have got some saves done before their kill, or the test proved nothing.
    expect(afterASave).toBeGreaterThanOrEqual(3);
    for (const laneDir of laneDirs) {
      // Temporary files of killed writers are removed by the next write: only the last
      // writer's can be left.
      const names = await readdir(laneDir);
      expect(
        names.filter((name) => /^tokens\.enc\..*\.tmp$/.test(name)).length,
      ).toBeLessThanOrEqual(1);
      expect(names.filter((name) => /^key\..*\.tmp$/.test(name))).toEqual([]);
    }
  }, 90_000);
});
