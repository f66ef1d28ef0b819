import type { ServerResponse } from 'node:http';
import {
  HttpStatusError,
  InsecureEndpointError,
  InvalidResponseError,
  OAuthError,
} from '@latch/core';
import { expectNoSecrets, rejectionOf, sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { RefreshTokenRejectedError } from './refresh-token-rejected-error.js';
import { keepRefreshToken, refreshTokens } from './refresh-tokens.js';

const OLD = 'SENTINEL-OLD-REFRESH-TOKEN-41d2';
const NEW = 'SENTINEL-NEW-REFRESH-TOKEN-8a7c';
const ACCESS = 'SENTINEL-ACCESS-TOKEN-c3e9';
const SECRETS = [OLD, NEW, ACCESS];

const serve = useTestServer();

describe('refreshTokens against a scripted token endpoint', () => {
  it('sends the refresh_token grant with client_id, scope and repeated resource', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { access_token: ACCESS, token_type: 'Bearer', refresh_token: NEW }),
    );
    await refreshTokens({
      endpoint: `${server.url}/token`,
      clientId: 'latch-cli',
      refreshToken: OLD,
      scope: ['openid', 'api:read'],
      resource: ['https://api.example/a', 'https://api.example/b?x=1'],
    });
    const seen = server.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/token');
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen?.form.get('grant_type')).toBe('refresh_token');
    expect(seen?.form.get('refresh_token')).toBe(OLD);
    expect(seen?.form.get('client_id')).toBe('latch-cli');
    expect(seen?.form.get('scope')).toBe('openid api:read');
    expect(seen?.form.getAll('resource')).toEqual([
      'https://api.example/a',
      'https://api.example/b?x=1',
    ]);
  });

  it('sends no scope or resource when none is given', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { access_token: ACCESS, token_type: 'Bearer' }),
    );
    await refreshTokens({ endpoint: `${server.url}/token`, clientId: 'c', refreshToken: OLD });
    expect([...(server.requests[0]?.form.keys() ?? [])].sort()).toEqual([
      'client_id',
      'grant_type',
      'refresh_token',
    ]);
  });

  it('keeps the old refresh token when the server returns none', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { access_token: ACCESS, token_type: 'bearer', expires_in: 60 }),
    );
    const tokens = await refreshTokens({
      endpoint: `${server.url}/token`,
      clientId: 'latch-cli',
      refreshToken: OLD,
      now: () => 1_000_000,
    });
    expect(tokens).toEqual({
      accessToken: ACCESS,
      tokenType: 'Bearer',
      expiresAt: 1_060_000,
      refreshToken: OLD,
    });
  });

  it('returns the new refresh token when the server rotates it', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { access_token: ACCESS, token_type: 'Bearer', refresh_token: NEW }),
    );
    const tokens = await refreshTokens({
      endpoint: `${server.url}/token`,
      clientId: 'latch-cli',
      refreshToken: OLD,
    });
    expect(tokens.refreshToken).toBe(NEW);
  });

  it.each([400, 200])('invalid_grant (HTTP %i) → RefreshTokenRejectedError', async (status) => {
    const server = await serve((_req, res) =>
      sendJson(res, status, {
        error: 'invalid_grant',
        error_description: 'grant request is invalid',
      }),
    );
    const error = await rejectionOf(() =>
      refreshTokens({ endpoint: `${server.url}/token`, clientId: 'latch-cli', refreshToken: OLD }),
    );
    expect(RefreshTokenRejectedError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(RefreshTokenRejectedError);
    expect(error).toMatchObject({
      name: 'RefreshTokenRejectedError',
      code: 'refresh_token_rejected',
      error: 'invalid_grant',
      errorDescription: 'grant request is invalid',
      status,
    });
    expect(OAuthError.isInstance((error as Error).cause)).toBe(true);
    expect((error as Error).message).toMatch(/reload the stored tokens.*log in again/);
    expectNoSecrets(error, SECRETS);
  });

  it('passes other failures through as core errors, without tokens in them', async () => {
    const answers = [
      (res: ServerResponse) => sendJson(res, 400, { error: 'invalid_scope' }),
      (res: ServerResponse) =>
        sendJson(res, 503, 'busy', { 'content-type': 'text/plain', 'retry-after': '7' }),
      (res: ServerResponse) => sendJson(res, 200, { access_token: ACCESS, refresh_token: NEW }),
    ];
    let next = 0;
    const server = await serve((_req, res) => answers[next++]?.(res));
    const refresh = () =>
      rejectionOf(() =>
        refreshTokens({ endpoint: `${server.url}/token`, clientId: 'c', refreshToken: OLD }),
      );

    const scope = await refresh();
    expect(OAuthError.isInstance(scope)).toBe(true);
    expect(scope).toMatchObject({ error: 'invalid_scope' });
    const busy = await refresh();
    expect(HttpStatusError.isInstance(busy)).toBe(true);
    expect(busy).toMatchObject({ status: 503, retryAfter: 7 });
    const malformed = await refresh();
    expect(InvalidResponseError.isInstance(malformed)).toBe(true);
    expect(malformed).toMatchObject({ field: 'token_type' });
    for (const error of [scope, busy, malformed]) {
      expect(RefreshTokenRejectedError.isInstance(error)).toBe(false);
      expectNoSecrets(error, SECRETS);
    }
  });

  it('refuses plain http to a non-loopback host before sending anything', async () => {
    const calls: string[] = [];
    const error = await rejectionOf(() =>
      refreshTokens({
        endpoint: 'http://as.example/token',
        clientId: 'c',
        refreshToken: OLD,
        fetch: async (url) => {
          calls.push(url);
          return new Response('{}');
        },
      }),
    );
    expect(InsecureEndpointError.isInstance(error)).toBe(true);
    expect(calls).toEqual([]);
    expectNoSecrets(error, SECRETS);
  });

  it('rejects bad arguments with TypeError before sending, never quoting the token', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, {}));
    const endpoint = `${server.url}/token`;
    const bad: unknown[] = [
      undefined,
      { endpoint, clientId: '', refreshToken: OLD },
      { endpoint, clientId: 'c', refreshToken: '' },
      { endpoint, clientId: 'c', refreshToken: 42 },
      { endpoint, clientId: 'c', refreshToken: OLD, scope: '' },
      { endpoint, clientId: 'c', refreshToken: OLD, scope: [] },
      { endpoint, clientId: 'c', refreshToken: OLD, scope: ['openid', 7] },
      { endpoint, clientId: 'c', refreshToken: OLD, resource: '/relative' },
      { endpoint, clientId: 'c', refreshToken: OLD, resource: 'https://api.example/#frag' },
      { endpoint, clientId: 'c', refreshToken: OLD, resource: [] },
      { endpoint: 'not a url', clientId: 'c', refreshToken: OLD },
    ];
    for (const options of bad) {
      const error = await rejectionOf(() =>
        refreshTokens(options as Parameters<typeof refreshTokens>[0]),
      );
      expect(error).toBeInstanceOf(TypeError);
      expectNoSecrets(error, SECRETS);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('keepRefreshToken', () => {
  it('fills in the old refresh token only when the response had none', () => {
    const base = { accessToken: ACCESS, tokenType: 'Bearer' as const };
    expect(keepRefreshToken(base, OLD)).toEqual({ ...base, refreshToken: OLD });
    expect(keepRefreshToken({ ...base, refreshToken: NEW }, OLD).refreshToken).toBe(NEW);
  });
});

describe('RefreshTokenRejectedError', () => {
  it('is recognised across copies by brand and code, and serialises without the cause', () => {
    const brand = Symbol.for('latch.error');
    expect(
      RefreshTokenRejectedError.isInstance({ [brand]: true, code: 'refresh_token_rejected' }),
    ).toBe(true);
    expect(RefreshTokenRejectedError.isInstance({ [brand]: true, code: 'oauth_error' })).toBe(
      false,
    );
    expect(RefreshTokenRejectedError.isInstance({ code: 'refresh_token_rejected' })).toBe(false);

    const error = new RefreshTokenRejectedError({
      error: 'invalid_grant',
      status: 400,
      cause: new Error(OLD),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'RefreshTokenRejectedError',
      code: 'refresh_token_rejected',
      error: 'invalid_grant',
      status: 400,
      message: error.message,
    });
  });
});
