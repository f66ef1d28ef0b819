import {
  expectNoSecrets,
  rejectionOf,
  SECRET,
  sendJson,
  startTestServer,
  type TestServer,
} from '@latch/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error.js';
import { requestToken } from './request-token.js';
import { InvalidResponseError } from './response-errors.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A token endpoint that answers every request with `status` and `body`. */
async function tokenEndpoint(
  status: number,
  body: string,
  type = 'application/json',
): Promise<string> {
  server = await startTestServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  return `${server.url}/token`;
}

const grant = { grant_type: 'refresh_token', refresh_token: SECRET.refreshToken };

describe('requestToken against a real HTTP server', () => {
  it('returns a TokenSet whose expiresAt counts from the clock read before sending', async () => {
    const events: string[] = [];
    server = await startTestServer((_req, res) => {
      events.push('server received');
      sendJson(
        res,
        200,
        JSON.stringify({ access_token: SECRET.accessToken, token_type: 'bearer', expires_in: 60 }),
      );
    });
    let ticks = 0;
    const now = (): number => {
      events.push('clock read');
      ticks += 1;
      return 1_000_000 * ticks;
    };
    const tokens = await requestToken(`${server.url}/token`, grant, {
      now,
      client: { clientId: 'latch-cli' },
    });
    expect(tokens).toEqual({
      accessToken: SECRET.accessToken,
      tokenType: 'Bearer',
      expiresAt: 1_060_000,
    });
    expect(events[0]).toBe('clock read');
    expect(events.indexOf('server received')).toBeGreaterThan(0);
    expect(new URLSearchParams(server.requests[0]?.body).get('client_id')).toBe('latch-cli');
  });

  it('accepts N_A only when allowed', async () => {
    const url = await tokenEndpoint(
      200,
      JSON.stringify({
        access_token: SECRET.accessToken,
        token_type: 'N_A',
        issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      }),
    );
    const refused = await rejectionOf(() => requestToken(url, grant));
    expect(InvalidResponseError.isInstance(refused)).toBe(true);
    expectNoSecrets(refused);
    const tokens = await requestToken(url, grant, { allowTokenTypeNA: true });
    expect(tokens.tokenType).toBe('N_A');
    expect(tokens.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:jwt');
  });

  it.each([
    [
      'truncated JSON',
      `{"access_token":"${SECRET.accessToken}","token_type":"Bea`,
      'not valid JSON',
    ],
    ['null', 'null', 'the body is null'],
    ['[]', `["${SECRET.accessToken}"]`, 'the body is an array'],
    ['a JSON string', `"${SECRET.accessToken}"`, 'the body is a string'],
    [
      'a numeric access_token',
      '{"access_token":12345,"token_type":"Bearer"}',
      'field access_token is a number',
    ],
    [
      'a string expires_in',
      JSON.stringify({
        access_token: SECRET.accessToken,
        token_type: 'Bearer',
        expires_in: SECRET.refreshToken,
      }),
      'field expires_in is a string, expected a number',
    ],
    [
      'an object refresh_token',
      JSON.stringify({
        access_token: SECRET.accessToken,
        token_type: 'Bearer',
        refresh_token: { v: SECRET.refreshToken },
      }),
      'field refresh_token is an object',
    ],
    [
      'no token_type',
      JSON.stringify({ access_token: SECRET.accessToken, id_token: SECRET.idToken }),
      'field token_type is missing',
    ],
    [
      'an unsupported token_type',
      JSON.stringify({ access_token: SECRET.accessToken, token_type: 'DPoP' }),
      'token_type is unsupported',
    ],
  ])('200 with %s → InvalidResponseError, no token in the message', async (_name, body, text) => {
    const url = await tokenEndpoint(200, body);
    const error = await rejectionOf(() => requestToken(url, grant));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(text);
    expectNoSecrets(error);
  });

  it('200 with error → OAuthError', async () => {
    const url = await tokenEndpoint(
      200,
      JSON.stringify({ error: 'authorization_pending', access_token: SECRET.accessToken }),
    );
    const error = await rejectionOf(() => requestToken(url, grant));
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'authorization_pending', status: 200 });
    expectNoSecrets(error);
  });

  it('400 invalid_grant → OAuthError with the status', async () => {
    const url = await tokenEndpoint(
      400,
      JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }),
    );
    const error = await rejectionOf(() => requestToken(url, grant));
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
    expectNoSecrets(error);
  });

  it('wrong content type → InvalidResponseError', async () => {
    const url = await tokenEndpoint(
      200,
      `access_token=${SECRET.accessToken}&token_type=bearer`,
      'application/x-www-form-urlencoded',
    );
    const error = await rejectionOf(() => requestToken(url, grant));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expectNoSecrets(error);
  });

  it('rejects with TypeError without grant_type, before sending', async () => {
    const url = await tokenEndpoint(200, '{}');
    await expect(requestToken(url, { code: 'x' })).rejects.toThrow(TypeError);
    await expect(requestToken(url, new URLSearchParams())).rejects.toThrow(TypeError);
    expect(server?.requests).toHaveLength(0);
  });
});
