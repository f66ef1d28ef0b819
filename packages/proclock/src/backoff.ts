/** The first delay between two attempts at a held lock, in milliseconds (before jitter). */
export const MIN_RETRY_DELAY_MS = 5;

/** The longest delay between two attempts at a held lock, in milliseconds. */
export const MAX_RETRY_DELAY_MS = 100;

/**
 * The delay before retry number `attempt` (0 for the first): 5 ms doubling to at most 100 ms,
 * then "equal jitter" — a uniformly random point in the upper half — so that processes that
 * found the lock held together do not retry in step.
 *
 * @param attempt - How many retries came before this one (≥ 0).
 * @param random - A number in [0, 1); values outside are clamped.
 * @returns Milliseconds, between half the ceiling and the ceiling.
 * @internal
 */
export function retryDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, MIN_RETRY_DELAY_MS * 2 ** Math.max(0, attempt));
  const spread = Math.min(1, Math.max(0, Number.isFinite(random) ? random : 0));
  return ceiling / 2 + (ceiling / 2) * spread;
}
