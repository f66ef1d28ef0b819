import { homedir } from 'node:os';

/**
 * The one module of this package that touches the real clock, timers, random numbers and the
 * process environment. Every other module takes these through options, so tests inject them.
 */

/**
 * The current time from the system clock.
 *
 * @returns Milliseconds since the Unix epoch (`Date.now()`).
 */
export function systemNow(): number {
  return Date.now();
}

/**
 * Waits `ms` milliseconds with a real timer, or until `signal` aborts.
 *
 * @param ms - How long to wait, in milliseconds.
 * @param signal - Cancels the wait. Default: none.
 * @returns A promise that resolves after `ms` ms, or rejects with the signal's reason when it
 *   aborts (the timer is cleared).
 */
export function systemSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A uniformly distributed number in [0, 1), for retry jitter.
 *
 * @returns `Math.random()`.
 */
export function systemRandom(): number {
  return Math.random();
}

/**
 * The process's environment variables (`process.env`), read only to pick the default lock
 * directory.
 *
 * @returns `process.env`.
 */
export function systemEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/**
 * The user's home directory.
 *
 * @returns `os.homedir()`.
 */
export function systemHomedir(): string {
  return homedir();
}

/**
 * The operating system platform.
 *
 * @returns `process.platform`.
 */
export function systemPlatform(): string {
  return process.platform;
}
