import { expectNoSecrets, SECRET } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error.js';
import { parseTokenResponse } from './parse-token-response.js';
import { InvalidResponseError } from './response-errors.js';

const requestedAt = 1_700_000_000_000;
const valid = {
  access_token: SECRET.accessToken,
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: SECRET.refreshToken,
  scope: 'openid offline_access',
  id_token: SECRET.idToken,
};

function invalidOf(
  body: unknown,
  options: { allowTokenTypeNA?: boolean } = {},
): InvalidResponseError {
  try {
    parseTokenResponse(body, { requestedAt, ...options });
  } catch (error) {
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expectNoSecrets(error);
    return error as InvalidResponseError;
  }
  throw new Error('expected parseTokenResponse to throw');
}

describe('parseTokenResponse', () => {
  it('maps a full response to a camelCase TokenSet counted from requestedAt', () => {
    expect(parseTokenResponse(valid, { requestedAt })).toEqual({
      accessToken: SECRET.accessToken,
      tokenType: 'Bearer',
      expiresAt: requestedAt + 3_600_000,
      refreshToken: SECRET.refreshToken,
      scope: 'openid offline_access',
      idToken: SECRET.idToken,
    });
  });

  it('returns only access token and type when nothing else is sent, and ignores unknown fields', () => {
    const tokens = parseTokenResponse(
      { access_token: 'a', token_type: 'bearer', extra: 'x', refresh_token: null },
      { requestedAt },
    );
    expect(tokens).toEqual({ accessToken: 'a', tokenType: 'Bearer' });
    expect(JSON.parse(JSON.stringify(tokens))).toEqual(tokens);
  });

  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])(
    'normalises token_type %s to Bearer',
    (type) => {
      expect(parseTokenResponse({ ...valid, token_type: type }, { requestedAt }).tokenType).toBe(
        'Bearer',
      );
    },
  );

  it('accepts N_A only with allowTokenTypeNA, and keeps issued_token_type', () => {
    const body = {
      access_token: 'x',
      token_type: 'N_A',
      issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    };
    const error = invalidOf(body);
    expect(error.field).toBe('token_type');
    expect(error.message).toContain('unsupported');
    expect(parseTokenResponse(body, { requestedAt, allowTokenTypeNA: true })).toEqual({
      accessToken: 'x',
      tokenType: 'N_A',
      issuedTokenType: 'urn:ietf:params:oauth:token-type:jwt',
    });
    expect(
      parseTokenResponse({ ...body, token_type: 'n_a' }, { requestedAt, allowTokenTypeNA: true })
        .tokenType,
    ).toBe('N_A');
  });

  it.each(['DPoP', 'MAC', 'mac', 'N_A '])('refuses token_type %s as unsupported', (type) => {
    const error = invalidOf({ ...valid, token_type: type }, { allowTokenTypeNA: true });
    expect(error.field).toBe('token_type');
    expect(error.message).toMatch(/unsupported/);
  });

  it('computes expiresAt from requestedAt, not from when the answer arrived', () => {
    expect(parseTokenResponse({ ...valid, expires_in: 0 }, { requestedAt }).expiresAt).toBe(
      requestedAt,
    );
    expect(parseTokenResponse({ ...valid, expires_in: 1.5 }, { requestedAt: 1000 }).expiresAt).toBe(
      2500,
    );
    expect(parseTokenResponse({ ...valid, expires_in: '120' }, { requestedAt }).expiresAt).toBe(
      requestedAt + 120_000,
    );
  });

  it.each([
    ['null', null, 'the body is null'],
    ['an array', [valid], 'the body is an array'],
    ['a string', 'access_token=x', 'the body is a string'],
    ['a number', 42, 'the body is a number'],
  ])('refuses a body that is %s', (_name, body, text) => {
    expect(invalidOf(body).message).toContain(text);
  });

  it.each([
    ['access_token', undefined, 'field access_token is missing, expected a non-empty string'],
    ['access_token', '', 'field access_token is an empty string'],
    ['access_token', 12345, 'field access_token is a number, expected a non-empty string'],
    ['access_token', [SECRET.accessToken], 'field access_token is an array'],
    ['token_type', undefined, 'field token_type is missing'],
    ['token_type', 1, 'field token_type is a number'],
    ['expires_in', SECRET.accessToken, 'field expires_in is a string, expected a number'],
    ['expires_in', '3600s', 'field expires_in is a string, expected a number'],
    ['expires_in', '-5', 'field expires_in is a string, expected a number'],
    ['expires_in', true, 'field expires_in is a boolean, expected a number'],
    ['expires_in', { seconds: 1 }, 'field expires_in is an object, expected a number'],
    ['expires_in', -1, 'field expires_in is out of range'],
    ['expires_in', 1e300, 'field expires_in is out of range'],
    ['refresh_token', 7, 'field refresh_token is a number, expected a non-empty string'],
    ['refresh_token', '', 'field refresh_token is an empty string'],
    ['scope', ['openid'], 'field scope is an array, expected a string'],
    ['id_token', { token: SECRET.idToken }, 'field id_token is an object'],
    ['issued_token_type', false, 'field issued_token_type is a boolean'],
  ])('refuses %s = %j, naming the field but not the value', (field, value, text) => {
    const body: Record<string, unknown> = { ...valid, [field]: value };
    if (value === undefined) delete body[field];
    const error = invalidOf(body);
    expect(error.message).toContain(text);
    expect(error.field).toBe(field);
    expect(error.status).toBe(200);
  });

  it('treats a body with error as an OAuth error even when the status was 200', () => {
    let caught: unknown;
    try {
      parseTokenResponse(
        { error: 'slow_down', error_description: 'poll less', access_token: SECRET.accessToken },
        { requestedAt },
      );
    } catch (error) {
      caught = error;
    }
    expect(OAuthError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      error: 'slow_down',
      errorDescription: 'poll less',
      status: 200,
    });
    expectNoSecrets(caught);
  });

  it('refuses an error field that is not a string', () => {
    expect(invalidOf({ error: 400, access_token: 'x', token_type: 'Bearer' }).field).toBe('error');
  });

  it('throws TypeError without a finite requestedAt', () => {
    expect(() => parseTokenResponse(valid, { requestedAt: Number.NaN })).toThrow(TypeError);
    expect(() =>
      parseTokenResponse(valid, undefined as unknown as { requestedAt: number }),
    ).toThrow(TypeError);
  });
});
