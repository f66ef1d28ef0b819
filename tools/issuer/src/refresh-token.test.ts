import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, startIssuer } from './index.js';
import { jwtPayload, login, postForm } from './test-support/oauth.js';

describe('refresh tokens', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  const refresh = (refreshToken: unknown) =>
    postForm(issuer, {
      grant_type: 'refresh_token',
      client_id: issuer.clientId,
      refresh_token: String(refreshToken),
    });

  it('are issued without offline_access or prompt=consent', async () => {
    const tokens = await login(issuer, { scope: 'openid api:read' });
    expect(typeof tokens.refresh_token).toBe('string');
  });

  it('rotate: each refresh returns a new refresh token and a new JWT for the granted resource', async () => {
    const tokens = await login(issuer);
    const first = await refresh(tokens.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect(jwtPayload(first.body.access_token)).toMatchObject({
      aud: issuer.resources.api,
      sub: issuer.demoUser.sub,
    });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
  });

  it('detect reuse: a consumed refresh token fails and revokes the ones rotated from it', async () => {
    const tokens = await login(issuer);
    const rotated = await refresh(tokens.refresh_token);
    expect(rotated.status).toBe(200);

    const reused = await refresh(tokens.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });

    const newest = await refresh(rotated.body.refresh_token);
    expect(newest.status).toBe(400);
    expect(newest.body.error).toBe('invalid_grant');
  });

  it('can be revoked (RFC 7009), after which introspection says inactive and refresh fails', async () => {
    const tokens = await login(issuer);
    const refreshToken = String(tokens.refresh_token);
    const before = await postForm(
      issuer,
      { token: refreshToken, client_id: issuer.clientId },
      '/token/introspection',
    );
    expect(before.body).toMatchObject({
      active: true,
      client_id: 'latch-cli',
      sub: issuer.demoUser.sub,
    });

    const revoked = await postForm(
      issuer,
      { token: refreshToken, token_type_hint: 'refresh_token', client_id: issuer.clientId },
      '/token/revocation',
    );
    expect(revoked.status).toBe(200);

    const after = await postForm(
      issuer,
      { token: refreshToken, client_id: issuer.clientId },
      '/token/introspection',
    );
    expect(after.body).toEqual({ active: false });
    const refused = await refresh(refreshToken);
    expect(refused.body.error).toBe('invalid_grant');
  });

  it('answers 200 to revoking an unknown token, as RFC 7009 §2.2 asks', async () => {
    const answer = await postForm(
      issuer,
      { token: 'not-a-token', client_id: issuer.clientId },
      '/token/revocation',
    );
    expect(answer.status).toBe(200);
  });
});
