import { describe, expect, it } from 'vitest';
import { readJwtClaims } from './read-jwt-claims.js';

function jwt(payload: unknown): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(payload)}.`;
}

describe('readJwtClaims', () => {
  it('reads the claims of a JWT without verifying it', () => {
    const claims = readJwtClaims(
      jwt({ iss: 'https://as.example', aud: ['a', 'b'], exp: 1700000000, scope: 'api:read' }),
    );
    expect(claims).toEqual({
      iss: 'https://as.example',
      aud: ['a', 'b'],
      exp: 1700000000,
      scope: 'api:read',
    });
  });

  it('drops registered claims of the wrong type', () => {
    const claims = readJwtClaims(jwt({ exp: '1700000000', aud: [1], iss: 5, nbf: 1, x: 'y' }));
    expect(claims).toEqual({ nbf: 1, x: 'y' });
  });

  it.each([
    ['an opaque token', 'abc123'],
    ['two parts', 'a.b'],
    ['a JWE', 'a.b.c.d.e'],
    ['a payload that is not JSON', `x.${Buffer.from('nope').toString('base64url')}.y`],
    ['a payload that is not an object', jwt([1, 2])],
    ['an empty string', ''],
    ['a non-string', 42],
  ])('returns undefined for %s', (_name, token) => {
    expect(readJwtClaims(token as string)).toBeUndefined();
  });
});
