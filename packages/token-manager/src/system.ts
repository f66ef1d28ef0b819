import { now } from '@latch/core';
import type { AcquireOptions, Lock } from '@latch/proclock';
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
  monotonicNow,
  refreshGrant: refreshTokens,
  exchangeGrant: exchangeToken,
  acquireLock,
  onStep: undefined,
});

/**
 * Milliseconds from an arbitrary origin that never jumps. `process.hrtime` rather than
 * `performance.now()`: the `performance` global loads node's perf_hooks (about 1 ms) on first use,
 * which a CLI printing a token pays at every start.
 */
function monotonicNow(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1_000 + nanoseconds / 1_000_000;
}

/**
 * `acquire` of `@latch/proclock`, loaded on the first refresh, save or delete: a process that
 * only reads a fresh token loads no lock code.
 */
async function acquireLock(name: string, options: AcquireOptions): Promise<Lock> {
  const { acquire } = await import('@latch/proclock');
  return acquire(name, options);
}

/**
 * Runs `fn` once the promise callbacks queued now, and those they queue in turn, have run: the
 * callers a result was just handed to have it. Runs before any I/O, so a lock released this way
 * is free again within the same turn of the event loop.
 * @internal
 */
export function afterQueuedCallbacks(fn: () => void): void {
  process.nextTick(fn);
}
