import { MIN_STALE_MS } from '@latch/proclock';
import { MemoryStore } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import { TokenManager } from './token-manager.js';
import {
  DEFAULT_RELOAD_AFTER_MS,
  DEFAULT_SKEW_MS,
  MIN_LOCK_STALE_MS,
  resolveOptions,
  type TokenManagerOptions,
} from './token-manager-options.js';

const valid: TokenManagerOptions = {
  issuer: 'https://login.example.com',
  clientId: 'mycli',
  store: new MemoryStore(),
};

describe('new TokenManager(options)', () => {
  it.each([
    ['no options', undefined],
    ['no issuer', { ...valid, issuer: undefined }],
    ['an empty issuer', { ...valid, issuer: '' }],
    ['a relative issuer', { ...valid, issuer: '/login' }],
    ['a non-URL issuer', { ...valid, issuer: 'login.example.com' }],
    ['an issuer with a query', { ...valid, issuer: 'https://login.example.com/?tenant=a' }],
    ['an ftp issuer', { ...valid, issuer: 'ftp://login.example.com' }],
    ['no clientId', { ...valid, clientId: undefined }],
    ['an empty clientId', { ...valid, clientId: '' }],
    ['no store', { ...valid, store: undefined }],
    ['a store without delete', { ...valid, store: { load() {}, save() {} } }],
    ['a bad profile', { ...valid, profile: '../etc' }],
    ['a relative lockDir', { ...valid, lockDir: 'locks' }],
    ['a negative skew', { ...valid, skewMs: -1 }],
    ['a NaN timeout', { ...valid, timeoutMs: Number.NaN }],
    ['a lockStaleMs under 2 s', { ...valid, lockStaleMs: 1000 }],
    ['a relative endpoint', { ...valid, endpoints: { refresh: '/token' } }],
    ['endpoints that are not an object', { ...valid, endpoints: 'https://x' }],
    ['an empty requestedTokenType', { ...valid, requestedTokenType: '' }],
    ['a userAgent with a newline', { ...valid, userAgent: 'cli\r\nX-Evil: 1' }],
    ['a scope of numbers', { ...valid, scope: [1, 2] }],
  ])('throws TypeError for %s', (_name, options) => {
    expect(() => new TokenManager(options as never)).toThrow(TypeError);
  });

  it('normalises the issuer (RFC 3986 §6.2.2) and keys the store on it and the profile', () => {
    const resolved = resolveOptions({ ...valid, issuer: 'HTTPS://Login.Example.COM:443/' });
    expect(resolved.issuer).toBe('https://login.example.com');
    expect(resolved.key).toBe('https://login.example.com#default');
    expect(resolveOptions({ ...valid, profile: 'work' }).key).toBe(
      'https://login.example.com#work',
    );
    const manager = new TokenManager({ ...valid, issuer: new URL('https://LOGIN.example.com/') });
    expect(manager.issuer).toBe('https://login.example.com');
    expect(manager.profile).toBe('default');
  });

  it('fills in the defaults', () => {
    const resolved = resolveOptions(valid);
    expect(resolved).toMatchObject({
      skewMs: DEFAULT_SKEW_MS,
      reloadAfterMs: DEFAULT_RELOAD_AFTER_MS,
      requestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      scope: '',
      endpoints: undefined,
      lockDir: undefined,
      http: { allowInsecureHttp: false },
    });
    expect(resolveOptions({ ...valid, scope: 'b a' }).scope).toBe('a b');
  });

  it('offers no option that replaces the grants, the clock or the lock', () => {
    const resolved = resolveOptions({
      ...valid,
      now: () => 0,
      refreshGrant: async () => ({}),
      exchangeGrant: async () => ({}),
      acquireLock: async () => ({}),
    } as never);
    expect(Object.keys(resolved)).not.toEqual(
      expect.arrayContaining(['now', 'refreshGrant', 'exchangeGrant', 'acquireLock']),
    );
    for (const name of ['now', 'refreshGrant', 'exchangeGrant', 'acquireLock']) {
      expect(resolved).not.toHaveProperty(name);
      expect(resolved.http).not.toHaveProperty(name);
    }
  });
});

describe('MIN_LOCK_STALE_MS', () => {
  it("is the lock package's own minimum, so the lock never refuses what the manager accepted", () => {
    expect(MIN_LOCK_STALE_MS).toBe(MIN_STALE_MS);
  });
});
