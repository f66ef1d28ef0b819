import { AbortError } from '@latch/core';

/** A clock that moves only when the test says: `sleep` waits until `advance` passes its end. */
export interface ManualClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward and wakes every sleeper whose end has come; then lets them run. */
  advance(ms: number): Promise<void>;
  /** How many sleeps are waiting. */
  pending(): number;
}

/** A {@link ManualClock} starting at `start` (a realistic epoch time by default). */
export function manualClock(start = Date.UTC(2026, 0, 1, 12)): ManualClock {
  let time = start;
  const sleepers = new Set<{ until: number; wake: () => void }>();
  return {
    now: () => time,
    pending: () => sleepers.size,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(new AbortError('manual sleep aborted'));
          return;
        }
        const sleeper = {
          until: time + ms,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers.delete(sleeper);
          reject(new AbortError('manual sleep aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.add(sleeper);
      }),
    advance: async (ms) => {
      time += ms;
      for (const sleeper of [...sleepers]) {
        if (sleeper.until <= time) {
          sleepers.delete(sleeper);
          sleeper.wake();
        }
      }
      await settle();
    },
  };
}

/** Lets queued promise callbacks and timers of zero delay run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
