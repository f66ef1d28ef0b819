import { AbortError } from '@latch/core';

/** An injected clock whose `sleep` advances time instead of waiting for it. */
export interface FakeClock {
  /** The fake time, epoch milliseconds. */
  now(): number;
  /** Records `ms`, advances the fake time by it, and resolves (after `realDelayMs`, if any). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Every `sleep` requested, in order. */
  readonly waits: number[];
  /** Fake milliseconds since the clock started. */
  elapsed(): number;
}

/** The fake clock's start: a fixed, realistic epoch time. */
export const FAKE_START = Date.UTC(2025, 0, 1, 12, 0, 0);

/**
 * A clock for timing tests: no real seconds pass. With `realDelayMs`, each sleep also yields for
 * a few real milliseconds, so a peer working concurrently (the issuer's approval pages) gets
 * time to act between polls.
 */
export function fakeClock(options: { start?: number; realDelayMs?: number } = {}): FakeClock {
  const start = options.start ?? FAKE_START;
  let time = start;
  const waits: number[] = [];
  return {
    now: () => time,
    waits,
    elapsed: () => time - start,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const aborted = (): AbortError =>
          new AbortError('fake sleep aborted', { cause: signal?.reason });
        if (signal?.aborted) {
          reject(aborted());
          return;
        }
        waits.push(ms);
        const finish = (): void => {
          signal?.removeEventListener('abort', onAbort);
          time += ms;
          resolve();
        };
        const timer = options.realDelayMs ? setTimeout(finish, options.realDelayMs) : undefined;
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(aborted());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        if (timer === undefined) queueMicrotask(finish);
      }),
  };
}

/** A `sleep` that never ends on its own: it only rejects when its signal aborts. */
export function blockingSleep(): {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  started: Promise<number>;
} {
  let markStarted: (ms: number) => void = () => {};
  const started = new Promise<number>((resolve) => {
    markStarted = resolve;
  });
  return {
    started,
    sleep: (ms, signal) =>
      new Promise<void>((_resolve, reject) => {
        markStarted(ms);
        signal?.addEventListener(
          'abort',
          () => reject(new AbortError('blocking sleep aborted', { cause: signal.reason })),
          { once: true },
        );
      }),
  };
}
