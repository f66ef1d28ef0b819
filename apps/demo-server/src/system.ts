import { sleep } from '@latch/core';

/**
 * The only module of the app that touches the real clock and timers; everything else gets
 * them through options.
 */

/** The real clock, epoch milliseconds. */
export const systemNow = (): number => Date.now();

/** Waits `ms` unless `signal` aborts (core's `sleep`). */
export const systemSleep: (ms: number, signal?: AbortSignal) => Promise<void> = sleep;

/**
 * Calls `tick` every `ms` until the returned function is called (the timer is `unref`'d).
 *
 * @param ms - The period.
 * @param tick - What to run.
 * @returns Stops the timer.
 */
export function systemInterval(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}
