import { describe, expect, it } from 'vitest';
import { callbackUrlBuilder } from './callback-url.js';

const id = 'mT3vQ8xZr0_-kLp2WqYs9bNc4HdFe7GjAa1BcDeFgHi';

describe('callbackUrlBuilder', () => {
  it('builds {base}/oob/callback/{id}', () => {
    expect(callbackUrlBuilder('https://app.example.com')(id)).toBe(
      `https://app.example.com/oob/callback/${id}`,
    );
    expect(callbackUrlBuilder('https://app.example.com/')(id)).toBe(
      `https://app.example.com/oob/callback/${id}`,
    );
    expect(callbackUrlBuilder(new URL('http://127.0.0.1:8080'))(id)).toBe(
      `http://127.0.0.1:8080/oob/callback/${id}`,
    );
  });

  it('keeps the base’s path prefix and takes another callback path', () => {
    expect(callbackUrlBuilder('https://example.com/connect/')(id)).toBe(
      `https://example.com/connect/oob/callback/${id}`,
    );
    expect(callbackUrlBuilder('https://example.com', { path: '/auth/done/' })(id)).toBe(
      `https://example.com/auth/done/${id}`,
    );
  });

  it('escapes what an id should never contain', () => {
    expect(callbackUrlBuilder('https://example.com')('a/b?c')).toBe(
      'https://example.com/oob/callback/a%2Fb%3Fc',
    );
  });

  it('rejects bad bases, paths and ids with a TypeError', () => {
    for (const base of ['app.example.com', 'ftp://x', 'https://x/?q=1', 'https://x/#f']) {
      expect(() => callbackUrlBuilder(base)).toThrow(TypeError);
    }
    for (const path of ['oob', '/a?b', '/a//b', '/a b']) {
      expect(() => callbackUrlBuilder('https://x', { path })).toThrow(TypeError);
    }
    expect(() => callbackUrlBuilder('https://x')('')).toThrow(TypeError);
  });
});
