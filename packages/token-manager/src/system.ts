import { now } from '@latch/core';
import { acquire } from '@latch/proclock';
import { refreshTokens } from '@latch/refresh';
import { exchangeToken } from '@latch/sts-exchange';
import type { ResolvedSeams } from './test-seams.js';

/**
 * The real services: the system clock, the real grants and the real cross-process lock. The
 * only module of the package that picks them.
 * @internal
 */
export const systemSeams: ResolvedSeams = Object.freeze({
  now,
  monotonicNow: () => performance.now(),
  refreshGrant: refreshTokens,
  exchangeGrant: exchangeToken,
  acquireLock: acquire,
  onStep: undefined,
});

/**
 * Runs `fn` once the promise callbacks queued now, and those they queue in turn, have run: the
 * callers a result was just handed to have it. Runs before any I/O, so a lock released this way
 * is free again within the same turn of the event loop.
 * @internal
 */
export function afterQueuedCallbacks(fn: () => void): void {
  process.nextTick(fn);
}
