import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { makePending, type TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';
import { storeContract } from './test-support/store-contract.js';
import { checkHistory, historyArbitrary } from './test-support/store-properties.js';

/** A timer seam that records what the store starts and stops. */
function fakeTimer() {
  const state = { started: 0, stopped: 0, intervalMs: 0, tick: (): void => {} };
  const startTimer = (callback: () => void, intervalMs: number) => {
    state.started++;
    state.intervalMs = intervalMs;
    state.tick = callback;
    return () => {
      state.stopped++;
    };
  };
  return { state, startTimer };
}

describe('MemoryStore: the store contract', () => {
  storeContract((now) => {
    const store = new MemoryStore<TestData>({ now, sweepIntervalMs: 0 });
    return { a: store, b: store };
  });
});

describe('MemoryStore: invariants under random histories', () => {
  it('never completes a finished pending again and never finds an expired one', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, (history) =>
        checkHistory((now) => new MemoryStore<TestData>({ now, sweepIntervalMs: 0 }), history),
      ),
      { numRuns: 300 },
    );
  });
});

describe('MemoryStore: sweeping', () => {
  it('runs a sweep timer only while it holds pendings, and the tick removes expired ones', async () => {
    const clock = manualClock();
    const timer = fakeTimer();
    const store = new MemoryStore<TestData>({ now: clock.now, startTimer: timer.startTimer });
    expect(timer.state.started).toBe(0);
    const short = makePending('a', clock.now(), 1_000);
    const long = makePending('a', clock.now(), 120_000);
    await store.put(short);
    await store.put(long);
    expect(timer.state).toMatchObject({ started: 1, intervalMs: 60_000 });
    clock.advance(60_000);
    timer.state.tick();
    expect(store.size).toBe(1);
    expect(timer.state.stopped).toBe(0);
    clock.advance(60_000);
    timer.state.tick();
    expect(store.size).toBe(0);
    expect(timer.state.stopped).toBe(1);
    await store.put(makePending('b', clock.now()));
    expect(timer.state.started).toBe(2);
    store.close();
    expect(timer.state.stopped).toBe(2);
    await store.put(makePending('b', clock.now()));
    expect(timer.state.started).toBe(2);
  });

  it('stops the timer when the last pending is completed, and starts none when disabled', async () => {
    const clock = manualClock();
    const timer = fakeTimer();
    const store = new MemoryStore<TestData>({ now: clock.now, startTimer: timer.startTimer });
    const pending = makePending('a', clock.now());
    await store.put(pending);
    await store.complete('a', pending.id);
    expect(timer.state).toMatchObject({ started: 1, stopped: 1 });
    const off = new MemoryStore<TestData>({
      now: clock.now,
      startTimer: timer.startTimer,
      sweepIntervalMs: 0,
    });
    await off.put(makePending('a', clock.now()));
    expect(timer.state.started).toBe(1);
  });

  it('uses an unref’d real timer by default, so it never keeps the process alive', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const store = new MemoryStore<TestData>({ sweepIntervalMs: 10 });
    await store.put(makePending('a', Date.now(), 60_000));
    expect(timeouts()).toBe(before);
    store.close();
  });

  it('sweeps on its own with the real timer', async () => {
    const store = new MemoryStore<TestData>({ sweepIntervalMs: 5 });
    await store.put(makePending('a', Date.now(), 20));
    const deadline = Date.now() + 5_000;
    while (store.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(store.size).toBe(0);
    store.close();
  });

  it('removes an expired pending when it is read', async () => {
    const clock = manualClock();
    const store = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0 });
    const pending = makePending('a', clock.now(), 10);
    await store.put(pending);
    clock.advance(10);
    expect(store.size).toBe(1);
    expect(await store.lookup(pending.id)).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('MemoryStore: caps', () => {
  it('evicts the namespace’s longest-held pending beyond maxPerNamespace, not another tenant’s', async () => {
    const clock = manualClock();
    const store = new MemoryStore<TestData>({
      now: clock.now,
      sweepIntervalMs: 0,
      maxPerNamespace: 3,
    });
    const other = makePending('quiet', clock.now());
    await store.put(other);
    const busy = Array.from({ length: 5 }, (_, i) => makePending('busy', clock.now() + i));
    for (const p of busy) await store.put(p);
    expect((await store.listNamespace('busy')).map((p) => p.id)).toEqual(
      busy.slice(2).map((p) => p.id),
    );
    expect(await store.get('quiet', other.id)).toEqual(other);
  });

  it('drops expired pendings before evicting live ones', async () => {
    const clock = manualClock();
    const store = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0, maxEntries: 3 });
    const expiring = makePending('a', clock.now(), 10);
    const kept = [makePending('b', clock.now()), makePending('c', clock.now())];
    for (const p of [expiring, ...kept]) await store.put(p);
    clock.advance(10);
    const next = makePending('d', clock.now());
    await store.put(next);
    expect(store.size).toBe(3);
    for (const p of [...kept, next]) expect(await store.lookup(p.id)).toEqual(p);
    const last = makePending('e', clock.now());
    await store.put(last);
    expect(store.size).toBe(3);
    expect(await store.lookup(kept[0]?.id as string)).toBeUndefined();
    expect(await store.lookup(last.id)).toEqual(last);
  });

  it('rejects bad options with a TypeError', () => {
    for (const options of [
      { maxEntries: 0 },
      { maxPerNamespace: 1.5 },
      { sweepIntervalMs: -1 },
      { now: 'soon' },
      { startTimer: 1 },
    ]) {
      expect(() => new MemoryStore(options as never)).toThrow(TypeError);
    }
  });
});
