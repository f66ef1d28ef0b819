import { AbortError, sleep as realSleep } from '@latch/core';

/**
 * A `sleep` whose waits of exactly `ms` milliseconds (the login timeout under test) end only
 * when the test calls `fire()`; every other wait is real. Honours the signal.
 */
export function controlledSleep(ms: number) {
  const waiting = new Set<() => void>();
  const sleep = (duration: number, signal?: AbortSignal): Promise<void> => {
    if (duration !== ms) return realSleep(duration, signal);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiting.delete(resolve);
        reject(new AbortError('sleep cancelled'));
      };
      waiting.add(resolve);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  return {
    sleep,
    /** How many waits of `ms` are pending. */
    pending: () => waiting.size,
    /** Ends every pending wait of `ms`. */
    fire: () => {
      for (const resolve of waiting) resolve();
      waiting.clear();
    },
  };
}

/** Tracks whether a promise has settled, without making its rejection unhandled. */
export function track<T>(promise: Promise<T>) {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  return {
    promise,
    /** Whether it is still pending after the event loop had a moment to deliver anything. */
    async isPending(): Promise<boolean> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return !settled;
    },
  };
}
