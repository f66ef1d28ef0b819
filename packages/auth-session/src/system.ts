import { randomBytes } from 'node:crypto';
import { now, sleep } from '@latch/core';

/**
 * The real clock, timers and random source: the only module of this package that touches
 * them. Everything else takes them through options.
 */

/** The system clock, epoch milliseconds. @internal */
export const systemNow: () => number = now;

/** A real timer, cancelled by `signal` (core's `sleep`). @internal */
export const systemSleep: (ms: number, signal?: AbortSignal) => Promise<void> = sleep;

/** Cryptographically strong random bytes. @internal */
export function systemRandomBytes(size: number): Uint8Array {
  return randomBytes(size);
}
