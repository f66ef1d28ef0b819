import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYPE, type Issuer, startIssuer, TOKEN_EXCHANGE_GRANT_TYPE } from './index.js';
import { jwtPayload, login, postForm } from './test-support/oauth.js';

describe('token exchange (RFC 8693)', () => {
  let issuer: Issuer;
  let subjectToken: string;
  beforeAll(async () => {
    issuer = await startIssuer({ exchangedTokenTtl: 300 });
    subjectToken = String((await login(issuer)).access_token);
  });
  afterAll(() => issuer.close());

  const exchange = (params: Record<string, string | readonly string[]>) =>
    postForm(issuer, {
      grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
      client_id: issuer.clientId,
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
      ...params,
    });

  it('trades an access token for one whose aud is resources.data, same user and client', async () => {
    const answer = await exchange({ resource: issuer.resources.data });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({
      access_token: expect.any(String),
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'data:read',
    });
    const claims = jwtPayload(answer.body.access_token);
    expect(claims).toMatchObject({
      iss: issuer.url,
      aud: issuer.resources.data,
      sub: issuer.demoUser.sub,
      client_id: 'latch-cli',
      scope: 'data:read',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
  });

  it('accepts the target as audience too, and an exchanged token as the next subject', async () => {
    const first = await exchange({ audience: issuer.resources.data });
    expect(first.status).toBe(200);
    const second = await exchange({
      subject_token: String(first.body.access_token),
      resource: issuer.resources.api,
    });
    expect(second.status).toBe(200);
    expect(jwtPayload(second.body.access_token).aud).toBe(issuer.resources.api);
  });

  it('names the actor in an act claim when an actor_token is given', async () => {
    const answer = await exchange({
      resource: issuer.resources.data,
      actor_token: subjectToken,
      actor_token_type: ACCESS_TOKEN_TYPE,
    });
    expect(answer.status).toBe(200);
    expect(jwtPayload(answer.body.access_token).act).toEqual({ sub: issuer.demoUser.sub });
  });

  it('answers invalid_target for an unknown resource or audience', async () => {
    for (const params of [
      { resource: 'https://elsewhere.example/api' },
      { audience: 'some-other-service' },
      { resource: [issuer.resources.api, issuer.resources.data] },
    ]) {
      const answer = await exchange(params);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('invalid_target');
      expect(typeof answer.body.error_description).toBe('string');
    }
  });

  it('answers invalid_request for a bad subject token type, token or missing subject', async () => {
    const wrongType = await exchange({
      resource: issuer.resources.data,
      subject_token_type: 'urn:ietf:params:oauth:token-type:refresh_token',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toBe('invalid_request');

    const forged = subjectToken.slice(0, -4) + (subjectToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const badToken = await exchange({ resource: issuer.resources.data, subject_token: forged });
    expect(badToken.body).toMatchObject({
      error: 'invalid_request',
      error_description: 'subject_token is invalid or expired',
    });

    const missing = await postForm(issuer, {
      grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
      client_id: issuer.clientId,
      subject_token_type: ACCESS_TOKEN_TYPE,
    });
    expect(missing.body.error).toBe('invalid_request');
  });

  it('answers invalid_scope for a scope the target does not offer, and never a refresh token', async () => {
    const answer = await exchange({ resource: issuer.resources.data, scope: 'api:read' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_scope');
    const ok = await exchange({ resource: issuer.resources.data, scope: 'data:read' });
    expect(ok.body.refresh_token).toBeUndefined();
  });
});
