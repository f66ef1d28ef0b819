import {
  type AuthorizationServerMetadata,
  discoverIssuer,
  OAuthError,
  readJwtClaims,
  type TokenSet,
} from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { demoSession, expectNoSecrets, rejectionOf } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeToken } from './exchange-token.js';
import { InvalidTargetError } from './invalid-target-error.js';
import { TOKEN_EXCHANGE_GRANT_TYPE, TOKEN_TYPE_ACCESS_TOKEN } from './token-types.js';

let issuer: Issuer;
let metadata: AuthorizationServerMetadata;
let user: TokenSet;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  metadata = await discoverIssuer(issuer.url);
  user = await demoSession(issuer);
});

afterAll(async () => {
  await issuer?.close();
});

/** Exchanges the logged-in user's access token, with `extra` request options. */
function exchange(extra: Partial<Parameters<typeof exchangeToken>[0]> = {}) {
  return exchangeToken({
    endpoint: metadata.tokenEndpoint,
    clientId: issuer.clientId,
    subjectToken: user.accessToken,
    subjectTokenType: TOKEN_TYPE_ACCESS_TOKEN,
    ...extra,
  });
}

describe('exchangeToken against the embedded issuer', () => {
  it('trades the login access token for one whose audience is the data resource', async () => {
    expect(readJwtClaims(user.accessToken)?.aud).toBe(issuer.resources.api);
    const before = issuer.grants.count(TOKEN_EXCHANGE_GRANT_TYPE);

    const exchanged = await exchange({
      resource: issuer.resources.data,
      requestedTokenType: TOKEN_TYPE_ACCESS_TOKEN,
    });
    expect(issuer.grants.count(TOKEN_EXCHANGE_GRANT_TYPE)).toBe(before + 1);
    expect(exchanged.issuedTokenType).toBe(TOKEN_TYPE_ACCESS_TOKEN);
    expect(exchanged.tokenType).toBe('Bearer');
    expect(exchanged.scope).toBe('data:read');
    expect(exchanged.refreshToken).toBeUndefined();
    expect(exchanged.expiresAt).toBeGreaterThan(Date.now());
    const claims = readJwtClaims(exchanged.accessToken);
    expect(claims?.aud).toBe(issuer.resources.data);
    expect(claims?.sub).toBe(issuer.demoUser.sub);
  });

  it('names the target with audience too, and sends an actor token with its type', async () => {
    const exchanged = await exchange({
      audience: issuer.resources.data,
      actorToken: user.accessToken,
      actorTokenType: TOKEN_TYPE_ACCESS_TOKEN,
    });
    const claims = readJwtClaims(exchanged.accessToken);
    expect(claims?.aud).toBe(issuer.resources.data);
    expect(claims?.act).toEqual({ sub: issuer.demoUser.sub });
  });

  it.each([
    ['an unknown resource', () => `${issuer.url}/resources/unknown`],
    [
      'two resources (sent as repeated parameters)',
      () => [issuer.resources.api, issuer.resources.data],
    ],
  ])('%s → InvalidTargetError', async (_name, resource) => {
    const error = await rejectionOf(() => exchange({ resource: resource() }));
    expect(InvalidTargetError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_target',
      error: 'invalid_target',
      status: 400,
      errorDescription: expect.any(String),
    });
    expect(OAuthError.isInstance((error as Error).cause)).toBe(true);
    expectNoSecrets(error, [user.accessToken]);
  });

  it('refuses a scope the target does not offer with OAuthError invalid_scope', async () => {
    const error = await rejectionOf(() =>
      exchange({ resource: issuer.resources.data, scope: ['data:read', 'api:read'] }),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(InvalidTargetError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ error: 'invalid_scope', status: 400 });
    expectNoSecrets(error, [user.accessToken]);
  });

  it('refuses an invalid subject token with OAuthError invalid_request (RFC 8693 §2.2.2)', async () => {
    const bogus = 'SENTINEL-NOT-A-TOKEN-0b7f';
    const error = await rejectionOf(() =>
      exchange({ subjectToken: bogus, resource: issuer.resources.data }),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'invalid_request', status: 400 });
    expectNoSecrets(error, [bogus]);
  });
});
