import { type Issuer, startIssuer } from '@latch/issuer';
import { expectNoSecrets, rejectionOf, SECRET, sendJson, useTestServer } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoreError } from './core-error.js';
import { discoverIssuer } from './discover-issuer.js';
import { OAuthError } from './oauth-error.js';
import { postForm } from './post-form.js';
import { requestToken } from './request-token.js';
import { HttpStatusError } from './response-errors.js';
import { RevocationRefusedError } from './revocation-refused-error.js';
import { revokeToken } from './revoke-token.js';
import type { AuthorizationServerMetadata } from './server-metadata.js';
import { recordingFetch } from './test-support/transport-doubles.js';
import type { TokenSet } from './token-set.js';
import { InsecureEndpointError } from './transport-errors.js';

const serve = useTestServer();
const token = SECRET.refreshToken;

describe('revokeToken against the embedded issuer', () => {
  let issuer: Issuer;
  let metadata: AuthorizationServerMetadata;

  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
    metadata = await discoverIssuer(issuer.url);
  });
  afterAll(async () => {
    await issuer?.close();
  });

  /** A device-grant login approved by the demo user: tokens with a refresh token. */
  async function login(): Promise<TokenSet> {
    const client = { clientId: issuer.clientId };
    const { body } = await postForm(
      metadata.deviceAuthorizationEndpoint as string,
      { scope: 'openid offline_access' },
      { client },
    );
    const device = body as { device_code: string; user_code: string };
    await issuer.approveDevice(device.user_code);
    return requestToken(
      metadata.tokenEndpoint,
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: device.device_code,
      },
      { client },
    );
  }

  it('revokes a refresh token: the refresh grant then fails with invalid_grant', async () => {
    const tokens = await login();
    const refreshToken = tokens.refreshToken as string;
    expect(metadata.revocationEndpoint).toBe(`${issuer.url}/token/revocation`);

    await revokeToken({
      endpoint: metadata.revocationEndpoint as string,
      clientId: issuer.clientId,
      token: refreshToken,
      tokenTypeHint: 'refresh_token',
    });

    const refused = await rejectionOf(() =>
      requestToken(
        metadata.tokenEndpoint,
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        { client: { clientId: issuer.clientId } },
      ),
    );
    expect(OAuthError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ error: 'invalid_grant', status: 400 });
    expectNoSecrets(refused, [refreshToken]);
  });

  it('succeeds again for a token that is already invalid (RFC 7009 §2.2)', async () => {
    const tokens = await login();
    const options = {
      endpoint: metadata.revocationEndpoint as string,
      clientId: issuer.clientId,
      token: tokens.refreshToken as string,
    };
    await revokeToken(options);
    await expect(revokeToken(options)).resolves.toBeUndefined();
    await expect(revokeToken({ ...options, token: 'never-issued-token' })).resolves.toBeUndefined();
  });
});

describe('revokeToken against a scripted server', () => {
  it('POSTs token, token_type_hint and client_id, and ignores the success body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>revoked</html>');
    });
    await revokeToken({
      endpoint: `${server.url}/revoke`,
      clientId: 'latch-cli',
      token,
      tokenTypeHint: 'refresh_token',
    });
    const seen = server.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/revoke');
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({
      token,
      token_type_hint: 'refresh_token',
      client_id: 'latch-cli',
    });
  });

  it('leaves token_type_hint out when not given', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    await revokeToken({ endpoint: `${server.url}/revoke`, clientId: 'latch-cli', token });
    expect(new URLSearchParams(server.requests[0]?.body).has('token_type_hint')).toBe(false);
  });

  it.each([
    [400, 'unsupported_token_type'],
    [401, 'invalid_client'],
    [400, 'unauthorized_client'],
  ])('HTTP %i %s → RevocationRefusedError with the OAuthError as cause', async (status, code) => {
    const server = await serve((_req, res) =>
      sendJson(
        res,
        status,
        JSON.stringify({ error: code, error_description: 'public clients may not revoke' }),
      ),
    );
    const error = await rejectionOf(() =>
      revokeToken({ endpoint: `${server.url}/revoke`, clientId: 'latch-cli', token }),
    );
    expect(RevocationRefusedError.isInstance(error)).toBe(true);
    expect(isCoreError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'revocation_refused',
      name: 'RevocationRefusedError',
      error: code,
      errorDescription: 'public clients may not revoke',
      status,
    });
    const cause = (error as Error).cause;
    expect(OAuthError.isInstance(cause)).toBe(true);
    expect(cause).toMatchObject({ error: code, status });
    expect((error as Error).message).toContain('stays valid');
    expectNoSecrets(error, [token]);
  });

  it('passes other OAuth errors through as OAuthError', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 400, JSON.stringify({ error: 'invalid_request' })),
    );
    const error = await rejectionOf(() =>
      revokeToken({ endpoint: `${server.url}/revoke`, clientId: 'latch-cli', token }),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(RevocationRefusedError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ error: 'invalid_request', status: 400 });
    expectNoSecrets(error, [token]);
  });

  it('503 with Retry-After → HttpStatusError carrying retryAfter (RFC 7009 §2.2.1)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'retry-after': '30', 'content-type': 'text/plain' });
      res.end('busy');
    });
    const error = await rejectionOf(() =>
      revokeToken({ endpoint: `${server.url}/revoke`, clientId: 'latch-cli', token }),
    );
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, retryAfter: 30 });
    expectNoSecrets(error, [token]);
  });

  it('refuses plain http to a non-loopback host before sending anything', async () => {
    const fetch = recordingFetch(async () => new Response(null, { status: 200 }));
    const error = await rejectionOf(() =>
      revokeToken({ endpoint: 'http://as.example/revoke', clientId: 'latch-cli', token, fetch }),
    );
    expect(InsecureEndpointError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
    expectNoSecrets(error, [token]);
  });

  it('rejects bad arguments with TypeError, without quoting the token', async () => {
    const endpoint = 'https://as.example/revoke';
    await expect(revokeToken({ endpoint, clientId: '', token })).rejects.toThrow(TypeError);
    await expect(revokeToken({ endpoint, clientId: 'c', token: '' })).rejects.toThrow(TypeError);
    await expect(
      revokeToken({ endpoint, clientId: 'c', token, tokenTypeHint: '' }),
    ).rejects.toThrow(TypeError);
    await expect(
      revokeToken(undefined as unknown as Parameters<typeof revokeToken>[0]),
    ).rejects.toThrow(TypeError);
    const error = await rejectionOf(() =>
      revokeToken({ endpoint: 'not a url', clientId: 'c', token }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expectNoSecrets(error, [token]);
  });
});

describe('RevocationRefusedError', () => {
  it('is recognised across copies by brand and code', () => {
    const brand = Symbol.for('latch.error');
    expect(RevocationRefusedError.isInstance({ [brand]: true, code: 'revocation_refused' })).toBe(
      true,
    );
    expect(RevocationRefusedError.isInstance({ [brand]: true, code: 'oauth_error' })).toBe(false);
    expect(RevocationRefusedError.isInstance(new OAuthError({ error: 'invalid_client' }))).toBe(
      false,
    );
  });

  it('serialises its fields, never the cause', () => {
    const error = new RevocationRefusedError({
      error: 'invalid_client',
      status: 401,
      cause: new Error(SECRET.clientSecret),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'RevocationRefusedError',
      code: 'revocation_refused',
      error: 'invalid_client',
      status: 401,
      message: error.message,
    });
  });
});
