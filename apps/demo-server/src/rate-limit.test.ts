import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './rate-limit.js';

describe('FixedWindowLimiter', () => {
  it('allows max requests per window and key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter({ max: 2, windowMs: 5_000 }, () => now);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now += 1_200;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    now += 3_799;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(limiter.take('a')).toEqual({ allowed: true });
  });

  it('refuses a non-positive limit or window', () => {
    expect(() => new FixedWindowLimiter({ max: 0 }, Date.now)).toThrow(TypeError);
    expect(() => new FixedWindowLimiter({ windowMs: 1.5 }, Date.now)).toThrow(TypeError);
  });
});
