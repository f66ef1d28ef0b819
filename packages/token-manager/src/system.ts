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
 * Runs `fn` after the callbacks already queued: those of the callers a result was just handed
 * to. Used to release a lock once they have their token.
 * @internal
 */
export function afterQueuedCallbacks(fn: () => void): void {
  setImmediate(fn);
}
