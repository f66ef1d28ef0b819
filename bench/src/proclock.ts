import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquire } from '@latch/proclock';
import { lock } from 'proper-lockfile';
import type { BenchSuite } from './suite.js';

let dir = '';

/** An uncontended proclock acquire + release against bare proper-lockfile lock + release. */
export const proclockSuite: BenchSuite = {
  name: 'proclock: uncontended acquire + release',
  setup: async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-bench-proclock-'));
  },
  teardown: async () => {
    await rm(dir, { recursive: true, force: true });
  },
  baseline: {
    name: 'proper-lockfile lock() + release()',
    fn: async () => {
      const release = await lock(join(dir, 'bare.lock'), {
        realpath: false,
        retries: 0,
        stale: 10_000,
        onCompromised: () => {},
      });
      await release();
    },
  },
  subjects: [
    {
      name: 'acquire() + release()',
      // Extra work: hashing the name, one mtime probe per lock, and a stat on release that
      // makes sure the lock was not taken over before it is removed. Saved: its file calls are
      // synchronous, where the baseline's each take a trip through libuv's thread pool.
      maxRatio: 2,
      fn: async () => {
        const held = await acquire('bench', { dir });
        await held.release();
      },
    },
  ],
};
