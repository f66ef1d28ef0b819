import { randomBytes } from 'node:crypto';

/**
 * The one module of this package that touches the real clock, timers and random numbers. Every
 * other module takes these through options, so tests inject them.
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
 * Cryptographically strong random bytes.
 *
 * @param size - How many bytes.
 * @returns `size` bytes from `crypto.randomBytes`.
 */
export function systemRandomBytes(size: number): Uint8Array {
  return randomBytes(size);
}

/**
 * Calls `callback` every `intervalMs` with a real timer that never keeps the process alive
 * (it is `unref`'d).
 *
 * @param callback - What to run on each tick.
 * @param intervalMs - The period, in milliseconds.
 * @returns A function that stops the timer.
 */
export function systemStartTimer(callback: () => void, intervalMs: number): () => void {
  const timer = setInterval(callback, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
