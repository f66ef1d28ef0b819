import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, MIN_RETRY_DELAY_MS, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles from 5 ms to a 100 ms ceiling', () => {
    const ceilings = Array.from({ length: 8 }, (_, attempt) => retryDelayMs(attempt, 1));
    expect(ceilings).toEqual([5, 10, 20, 40, 80, 100, 100, 100]);
    expect(retryDelayMs(1000, 1)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('jitters within the upper half of the ceiling', () => {
    expect(retryDelayMs(0, 0)).toBe(MIN_RETRY_DELAY_MS / 2);
    expect(retryDelayMs(6, 0)).toBe(50);
    expect(retryDelayMs(6, 0.5)).toBe(75);
  });

  it('clamps a random source that misbehaves', () => {
    expect(retryDelayMs(6, 7)).toBe(100);
    expect(retryDelayMs(6, -1)).toBe(50);
    expect(retryDelayMs(6, Number.NaN)).toBe(50);
    expect(retryDelayMs(-3, 1)).toBe(5);
  });
});
