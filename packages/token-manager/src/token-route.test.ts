import { describe, expect, it } from 'vitest';
import { fakeJwt } from './test-support/fixtures.js';
import { readClaims } from './token-expiry.js';
import { audienceOf, usesCoreToken } from './token-route.js';

const issuer = 'https://login.example.com';

describe('usesCoreToken', () => {
  it('uses the core token for the issuer itself, in any spelling, without an audience', () => {
    for (const resource of [issuer, 'HTTPS://Login.Example.com:443/', `${issuer}/`]) {
      expect(
        usesCoreToken({ issuer, coreAudience: undefined, resource, audience: undefined }),
      ).toBe(true);
    }
    expect(
      usesCoreToken({ issuer, coreAudience: undefined, resource: issuer, audience: 'billing' }),
    ).toBe(false);
  });

  it('uses the core token for a resource its aud names (and the audience asked for)', () => {
    const coreAudience = ['https://api.example.com', 'https://data.example.com'];
    const ask = (resource: string, audience?: string) =>
      usesCoreToken({ issuer, coreAudience, resource, audience });
    expect(ask('https://data.example.com')).toBe(true);
    expect(ask('https://DATA.example.com/')).toBe(true);
    expect(ask('https://api.example.com', 'https://data.example.com')).toBe(true);
    expect(ask('https://api.example.com', 'billing')).toBe(false);
    expect(ask('https://other.example.com')).toBe(false);
    expect(ask('https://api.example.com/v2')).toBe(false);
  });

  it('exchanges for anything else, including resources that do not parse as issuers', () => {
    expect(
      usesCoreToken({
        issuer,
        coreAudience: ['urn:example:api'],
        resource: 'https://api.example.com?x=1',
        audience: undefined,
      }),
    ).toBe(false);
  });
});

describe('audienceOf', () => {
  it('reads aud as a list', () => {
    expect(audienceOf(readClaims(fakeJwt({ aud: 'a' })))).toEqual(['a']);
    expect(audienceOf(readClaims(fakeJwt({ aud: ['a', 'b'] })))).toEqual(['a', 'b']);
    expect(audienceOf(readClaims(fakeJwt({ sub: 'x' })))).toBeUndefined();
    expect(audienceOf(readClaims('opaque'))).toBeUndefined();
  });
});
