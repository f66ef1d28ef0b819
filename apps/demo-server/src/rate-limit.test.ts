import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter, MAX_LIMITER_KEYS } from './rate-limit.js';

const DEFAULTS = { name: 'pollLimit', max: 120, windowMs: 60_000 };

describe('FixedWindowLimiter', () => {
  it('allows max requests per window and key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter({ max: 2, windowMs: 5_000 }, () => now, DEFAULTS);
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

  it('checks without counting: refused only once the window is used up', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ max: 2, windowMs: 10_000 }, () => now, DEFAULTS);
    for (let i = 0; i < 5; i += 1) expect(limiter.check('a')).toEqual({ allowed: true });
    limiter.take('a');
    expect(limiter.check('a')).toEqual({ allowed: true });
    limiter.take('a');
    now += 2_500;
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limiter.check('b')).toEqual({ allowed: true });
    now += 7_500;
    expect(limiter.check('a')).toEqual({ allowed: true });
  });

  it('sweeps ended windows, so memory follows the keys of one window', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 1_000 }, () => now, DEFAULTS);
    for (let i = 0; i < 100_000; i += 1) {
      if (i % 500 === 0) now += 1_000; // 500 new keys per window
      limiter.take(`client-${i}`);
      expect(limiter.size).toBeLessThanOrEqual(2_048);
    }
    now += 1_000;
    limiter.take('last');
    expect(limiter.take('last')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('holds at most MAX_LIMITER_KEYS keys when new ones keep coming within one window', () => {
    const limiter = new FixedWindowLimiter({ max: 1, windowMs: 60_000 }, () => 0, DEFAULTS);
    for (let i = 0; i < 2.5 * MAX_LIMITER_KEYS; i += 1) limiter.take(`client-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(MAX_LIMITER_KEYS);
    // The newest are still counted.
    const last = `client-${2.5 * MAX_LIMITER_KEYS - 1}`;
    expect(limiter.take(last)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('refuses a non-positive limit or window, naming the option', () => {
    expect(() => new FixedWindowLimiter({ max: 0 }, Date.now, DEFAULTS)).toThrow(
      'options.pollLimit.max',
    );
    expect(
      () =>
        new FixedWindowLimiter({ windowMs: 1.5 }, Date.now, { ...DEFAULTS, name: 'signInLimit' }),
    ).toThrow('options.signInLimit.windowMs');
  });
});
