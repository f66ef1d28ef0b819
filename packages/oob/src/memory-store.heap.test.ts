import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { makePending, type TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';

/** A full garbage collection: vitest runs this file with --expose-gc; otherwise enable it. */
function collect(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}

const ABANDONED = 100_000;
const MiB = 1024 * 1024;

describe('MemoryStore memory', () => {
  it('returns to its baseline after 10^5 abandoned pendings expire and are swept', async () => {
    const clock = manualClock();
    const store = new MemoryStore<TestData>({
      now: clock.now,
      sweepIntervalMs: 0,
      maxEntries: ABANDONED,
    });
    collect();
    const baseline = process.memoryUsage().heapUsed;
    for (let i = 0; i < ABANDONED; i++) {
      await store.put(makePending(`tenant-${i % 200}`, clock.now(), 1_000));
    }
    expect(store.size).toBe(ABANDONED);
    collect();
    const peak = process.memoryUsage().heapUsed;
    expect(peak - baseline).toBeGreaterThan(20 * MiB);

    clock.advance(1_000);
    expect(store.sweep()).toBe(ABANDONED);
    expect(store.size).toBe(0);
    expect(await store.listNamespace('tenant-0')).toEqual([]);
    collect();
    const after = process.memoryUsage().heapUsed;
    // Loose: within 10 % of what the pendings took, or 4 MiB.
    expect(after - baseline).toBeLessThan(Math.max(4 * MiB, (peak - baseline) / 10));
  });
});
