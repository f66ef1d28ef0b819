import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer, TOKEN_EXCHANGE_GRANT_TYPE } from './index.js';

describe('discovery', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  const fetchJson = async (path: string) => {
    const response = await fetch(new URL(path, issuer.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/(jwk-set\+)?json/);
    return (await response.json()) as Record<string, unknown>;
  };

  it('serves the same metadata at the OpenID and the RFC 8414 well-known paths', async () => {
    const openid = await fetchJson('/.well-known/openid-configuration');
    const oauth = await fetchJson('/.well-known/oauth-authorization-server');
    expect(oauth).toEqual(openid);
  });

  it('describes the endpoints, grants and features latch relies on', async () => {
    const metadata = await fetchJson('/.well-known/oauth-authorization-server');
    expect(metadata).toMatchObject({
      issuer: issuer.url,
      authorization_endpoint: `${issuer.url}/auth`,
      token_endpoint: `${issuer.url}/token`,
      device_authorization_endpoint: `${issuer.url}/device/auth`,
      revocation_endpoint: `${issuer.url}/token/revocation`,
      introspection_endpoint: `${issuer.url}/token/introspection`,
      jwks_uri: `${issuer.url}/jwks`,
      authorization_response_iss_parameter_supported: true,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
        TOKEN_EXCHANGE_GRANT_TYPE,
      ]),
    );
    expect(metadata).not.toHaveProperty('userinfo_endpoint');
    expect(metadata.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']),
    );
  });

  it('publishes one RS256 signing key', async () => {
    const jwks = (await fetchJson('/jwks')) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('listens on 127.0.0.1 with the port in the issuer URL and no trailing slash', () => {
    expect(issuer.url).toBe(`http://127.0.0.1:${issuer.port}`);
    expect(issuer.port).toBeGreaterThan(0);
    expect(issuer.clientId).toBe('latch-cli');
    expect(issuer.resources).toEqual({
      api: `${issuer.url}/resources/api`,
      data: `${issuer.url}/resources/data`,
    });
    expect(issuer.demoUser).toMatchObject({
      username: 'demo',
      password: 'demo',
      email: 'demo@latch.test',
    });
  });
});
