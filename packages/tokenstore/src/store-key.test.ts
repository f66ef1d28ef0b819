import { describe, expect, it } from 'vitest';
import { assertAccountKey, assertServiceName, storeKey } from './store-key.js';

describe('storeKey', () => {
  it('joins the normalised issuer and the profile', () => {
    expect(storeKey({ issuer: 'HTTPS://Login.Example.COM:443/', profile: 'work' })).toBe(
      'https://login.example.com#work',
    );
    expect(storeKey({ issuer: new URL('https://as.example/tenant/') })).toBe(
      'https://as.example/tenant/#default',
    );
  });

  it('gives two spellings of one issuer the same key', () => {
    expect(storeKey({ issuer: 'https://as.example/a/./b/../%7etenant' })).toBe(
      storeKey({ issuer: 'https://AS.example:443/a/~tenant' }),
    );
  });

  it('rejects bad issuers and profiles with TypeError', () => {
    expect(() => storeKey({ issuer: 'not a url' })).toThrow(TypeError);
    expect(() => storeKey({ issuer: 'https://as.example?x=1' })).toThrow(TypeError);
    for (const profile of ['', ' work', 'a/b', 'a#b', 'x'.repeat(65)]) {
      expect(() => storeKey({ issuer: 'https://as.example', profile })).toThrow(TypeError);
    }
    expect(() => storeKey(undefined as never)).toThrow(TypeError);
  });
});

describe('account and service checks', () => {
  it('accepts what stores can hold and rejects the rest', () => {
    expect(() => assertAccountKey('https://as.example#default')).not.toThrow();
    for (const key of ['', 'a\nb', 'x'.repeat(513), 42]) {
      expect(() => assertAccountKey(key)).toThrow(TypeError);
    }
    expect(() => assertServiceName('my-cli.v2_x')).not.toThrow();
    for (const service of ['', '.hidden', '..', 'a/b', 'my cli', 'x'.repeat(129), undefined]) {
      expect(() => assertServiceName(service)).toThrow(TypeError);
    }
  });
});
