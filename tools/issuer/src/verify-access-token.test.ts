import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAccessToken } from './verify-access-token.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISSUER = 'http://127.0.0.1:4000';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const header = { alg: 'RS256', typ: 'at+jwt', kid: 'k1' };
const claims = {
  iss: ISSUER,
  sub: 'u1',
  aud: `${ISSUER}/resources/api`,
  client_id: 'latch-cli',
  iat: 1_000,
  exp: 2_000,
  jti: 'j1',
};
const options = { publicKey, kid: 'k1', issuer: ISSUER, now: 1_500 };

describe('verifyAccessToken', () => {
  it('returns the claims of a valid token', () => {
    expect(verifyAccessToken(jwt(header, claims), options)).toEqual(claims);
  });

  it.each([
    ['an expired token', jwt(header, claims), { now: 2_000 }, /expired/],
    ['another issuer', jwt(header, { ...claims, iss: 'http://evil' }), {}, /issuer/],
    ['another kid', jwt({ ...header, kid: 'k2' }, claims), {}, /kid/],
    ['an ID token (typ JWT)', jwt({ ...header, typ: 'JWT' }, claims), {}, /typ/],
    ['alg none', `${encode({ ...header, alg: 'none' })}.${encode(claims)}.`, {}, /alg/],
    ['garbage', 'not.a.jwt', {}, /base64url JSON|JSON object/],
  ])('rejects %s', (_name, token, override, reason) => {
    expect(() => verifyAccessToken(token, { ...options, ...override })).toThrow(reason);
  });

  it('rejects a token whose payload was altered after signing', () => {
    const [h, , s] = jwt(header, claims).split('.');
    const tampered = `${h}.${encode({ ...claims, sub: 'admin' })}.${s}`;
    expect(() => verifyAccessToken(tampered, options)).toThrow(/signature/);
  });
});
