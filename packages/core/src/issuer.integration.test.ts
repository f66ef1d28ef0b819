import { createHash, randomBytes } from 'node:crypto';
import { type Issuer, startIssuer } from '@latch/issuer';
import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverIssuer } from './discover-issuer.js';
import { getJson } from './get-json.js';
import { OAuthError } from './oauth-error.js';
import { parseServerMetadata } from './parse-server-metadata.js';
import { postForm } from './post-form.js';
import { readJwtClaims } from './read-jwt-claims.js';
import { requestToken } from './request-token.js';
import type { AuthorizationServerMetadata } from './server-metadata.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';

let issuer: Issuer;
let metadata: AuthorizationServerMetadata;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  metadata = await discoverIssuer(issuer.url);
});

afterAll(async () => {
  await issuer?.close();
});

describe('@latch/core against the embedded issuer', () => {
  it('discovers the issuer through both well-known locations', async () => {
    expect(metadata.issuer).toBe(issuer.url);
    expect(metadata.tokenEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(metadata.deviceAuthorizationEndpoint).toBeDefined();
    expect(metadata.codeChallengeMethodsSupported).toContain('S256');

    const oauth = await getJson(`${issuer.url}/.well-known/oauth-authorization-server`);
    const openid = await getJson(`${issuer.url}/.well-known/openid-configuration`);
    for (const { body } of [oauth, openid]) {
      const parsed = parseServerMetadata(body, issuer.url);
      expect(parsed.tokenEndpoint).toBe(metadata.tokenEndpoint);
    }
  });

  it('runs a device authorization grant: pending, approved, tokens', async () => {
    const endpoint = metadata.deviceAuthorizationEndpoint as string;
    const { body } = await postForm(
      endpoint,
      { scope: 'openid offline_access' },
      {
        client: { clientId: issuer.clientId },
      },
    );
    const device = body as { device_code: string; user_code: string };
    expect(typeof device.device_code).toBe('string');
    expect(typeof device.user_code).toBe('string');

    const params = { grant_type: DEVICE_CODE, device_code: device.device_code };
    const client = { clientId: issuer.clientId };
    const pending = await rejectionOf(() =>
      requestToken(metadata.tokenEndpoint, params, { client }),
    );
    expect(OAuthError.isInstance(pending)).toBe(true);
    expect(pending).toMatchObject({ error: 'authorization_pending', status: 400 });
    expectNoSecrets(pending, [device.device_code]);

    await issuer.approveDevice(device.user_code);
    const before = Date.now();
    const tokens = await requestToken(metadata.tokenEndpoint, params, { client });
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.idToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3_000_000);
    expect(issuer.grants.count(DEVICE_CODE)).toBeGreaterThanOrEqual(1);

    const claims = readJwtClaims(tokens.accessToken);
    expect(claims?.aud).toBe(issuer.resources.api);
    expect(Math.abs((claims?.exp ?? 0) * 1000 - (tokens.expiresAt ?? 0))).toBeLessThan(5_000);

    const refreshed = await requestToken(
      metadata.tokenEndpoint,
      { grant_type: 'refresh_token', refresh_token: tokens.refreshToken as string },
      { client },
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
  });

  it('runs an authorization code grant with PKCE S256', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:49152/callback';
    const state = randomBytes(16).toString('base64url');
    const authorizationUrl = new URL(metadata.authorizationEndpoint as string);
    authorizationUrl.search = new URLSearchParams({
      client_id: issuer.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();

    const redirect = new URL(await issuer.authorize(authorizationUrl.href));
    expect(redirect.searchParams.get('state')).toBe(state);
    if (metadata.authorizationResponseIssParameterSupported) {
      expect(redirect.searchParams.get('iss')).toBe(metadata.issuer);
    }
    const code = redirect.searchParams.get('code') as string;
    const tokens = await requestToken(
      metadata.tokenEndpoint,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
      { client: { clientId: issuer.clientId } },
    );
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.idToken).toEqual(expect.any(String));

    const reused = await rejectionOf(() =>
      requestToken(
        metadata.tokenEndpoint,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
        { client: { clientId: issuer.clientId } },
      ),
    );
    expect(OAuthError.isInstance(reused)).toBe(true);
    expect((reused as OAuthError).error).toBe('invalid_grant');
    expectNoSecrets(reused, [code, verifier]);
  });

  it('turns a bogus refresh token into OAuthError invalid_grant with status 400', async () => {
    const bogus = 'bogus-refresh-token-5f1c9a';
    const error = await rejectionOf(() =>
      requestToken(
        metadata.tokenEndpoint,
        { grant_type: 'refresh_token', refresh_token: bogus },
        { client: { clientId: issuer.clientId } },
      ),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'oauth_error', error: 'invalid_grant', status: 400 });
    expectNoSecrets(error, [bogus]);
  });
});
