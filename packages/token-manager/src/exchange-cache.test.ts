import { describe, expect, it } from 'vitest';
import {
  ExchangeCache,
  exchangeCacheKey,
  exchangeRouteKey,
  hashToken,
  sortedScope,
} from './exchange-cache.js';

describe('ExchangeCache', () => {
  it('hands an entry out before its deadline and drops it at the deadline', () => {
    const cache = new ExchangeCache();
    expect(cache.set('k', 'token', 1_000, 0)).toBe(true);
    expect(cache.get('k', 999)).toBe('token');
    expect(cache.get('k', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing without a future, finite deadline', () => {
    const cache = new ExchangeCache();
    expect(cache.set('a', 't', Number.POSITIVE_INFINITY, 0)).toBe(false);
    expect(cache.set('b', 't', Number.NaN, 0)).toBe(false);
    expect(cache.set('c', 't', 5, 5)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('drops expired entries, then the oldest, when full', () => {
    const cache = new ExchangeCache(2);
    cache.set('old', '1', 100, 0);
    cache.set('older-expiring', '2', 10, 0);
    cache.set('new', '3', 100, 50); // 'older-expiring' is expired at 50
    expect(cache.get('old', 60)).toBe('1');
    cache.set('newest', '4', 100, 60); // full of live entries: 'old' goes
    expect(cache.get('old', 60)).toBeUndefined();
    expect(cache.get('new', 60)).toBe('3');
    expect(cache.get('newest', 60)).toBe('4');
  });

  it('forgets a refused token, and everything on clear', () => {
    const cache = new ExchangeCache();
    cache.set('a', 'refused', 100, 0);
    cache.set('b', 'refused', 100, 0);
    cache.set('c', 'good', 100, 0);
    cache.deleteToken('refused');
    expect(cache.size).toBe(1);
    cache.delete('c');
    cache.set('d', 'x', 100, 0);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('cache keys', () => {
  it('hash the core token (never hold it) and list what was asked for', () => {
    const key = exchangeCacheKey(hashToken('core-token'), exchangeRouteKey('r', 'a', 't', 's'));
    expect(key).not.toContain('core-token');
    expect(key).toBe(`${hashToken('core-token')}\nr\na\nt\ns`);
    expect(hashToken('core-token')).toMatch(/^[0-9a-f]{64}$/);
    expect(exchangeRouteKey('r', undefined, 't', '')).toBe('r\n\nt\n');
  });

  it('sort, split and deduplicate scopes', () => {
    expect(sortedScope(undefined)).toBe('');
    expect(sortedScope('b  a')).toBe('a b');
    expect(sortedScope(['b', 'a c', 'a'])).toBe('a b c');
    expect(() => sortedScope([1] as never)).toThrow(TypeError);
    expect(() => sortedScope(7 as never)).toThrow(TypeError);
  });
});
