import { afterEach, describe, expect, it, vi } from 'vitest';
import { now, resolveRuntime, sleep, systemRuntime } from './runtime.js';
import { AbortError } from './transport-errors.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('runtime', () => {
  it('now reads the system clock', () => {
    const before = Date.now();
    const value = now();
    expect(value).toBeGreaterThanOrEqual(before);
    expect(value).toBeLessThanOrEqual(Date.now());
    expect(systemRuntime.now).toBe(now);
  });

  it('sleep resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('sleep rejects with AbortError on abort and clears its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    const error = await waiting.catch((e: unknown) => e);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as AbortError).cause).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sleep rejects at once for an already aborted signal, without a timer', async () => {
    vi.useFakeTimers();
    const error = await sleep(10, AbortSignal.abort()).catch((e: unknown) => e);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '5'])(
    'sleep(%j) rejects with TypeError',
    async (ms) => {
      await expect(sleep(ms as number)).rejects.toThrow(TypeError);
    },
  );

  it('resolveRuntime fills in what the caller left out', async () => {
    const fake = { now: () => 42, sleep: async () => {} };
    expect(resolveRuntime(fake).now()).toBe(42);
    expect(resolveRuntime({ now: fake.now }).sleep).toBe(sleep);
    expect(resolveRuntime().now).toBe(now);
    expect(() => resolveRuntime({ now: 42 as unknown as () => number })).toThrow(TypeError);
  });
});
