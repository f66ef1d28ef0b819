import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Issuer, isServerRedirectUri, SERVER_CLIENT_ID, startIssuer } from './index.js';
import { authorizationUrl, postForm, queryOf } from './test-support/oauth.js';

const ID = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456';

describe('the latch-server client', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(() => issuer.close());

  it('accepts only loopback /oob/callback/<id> redirect URIs', () => {
    expect(isServerRedirectUri(`http://127.0.0.1:8080/oob/callback/${ID}`)).toBe(true);
    expect(isServerRedirectUri(`http://127.0.0.1/oob/callback/${ID}`)).toBe(true);
    for (const bad of [
      `http://127.0.0.1:8080/oob/callback/${ID}?x=1`,
      `http://127.0.0.1:8080/oob/callback/${ID}#x`,
      `http://127.0.0.1:8080/oob/callback/short`,
      `http://127.0.0.1:8080/oob/callback/${ID}/more`,
      `http://localhost:8080/oob/callback/${ID}`,
      `https://127.0.0.1:8080/oob/callback/${ID}`,
      `http://127.0.0.1:99999/oob/callback/${ID}`,
      `http://127.0.0.1:8080/callback`,
      `http://127.0.0.1.evil.example/oob/callback/${ID}`,
      `http://127.0.0.1@evil.example/oob/callback/${ID}`,
      `http://127.0.0.1:8080.evil.example/oob/callback/${ID}`,
      `http://user@127.0.0.1:8080/oob/callback/${ID}`,
    ]) {
      expect(isServerRedirectUri(bad), bad).toBe(false);
    }
  });

  it('signs in with a per-login callback path and redeems the code there', async () => {
    const redirectUri = `http://127.0.0.1:41234/oob/callback/${ID}`;
    const request = authorizationUrl(issuer, {
      client_id: SERVER_CLIENT_ID,
      redirect_uri: redirectUri,
    });
    const redirect = await issuer.authorize(request.url);
    expect(redirect.startsWith(`${redirectUri}?`)).toBe(true);
    const query = queryOf(redirect);
    const answer = await postForm(issuer, {
      grant_type: 'authorization_code',
      client_id: SERVER_CLIENT_ID,
      code: String(query.code),
      redirect_uri: redirectUri,
      code_verifier: request.verifier,
    });
    expect(answer.status).toBe(200);
    expect(typeof answer.body.access_token).toBe('string');
  });

  it('refuses other redirect URIs for the server, and keeps latch-cli on its own', async () => {
    const foreign = authorizationUrl(issuer, {
      client_id: SERVER_CLIENT_ID,
      redirect_uri: 'http://127.0.0.1:41234/callback',
    });
    await expect(issuer.authorize(foreign.url)).rejects.toThrow();
    const cli = authorizationUrl(issuer, {
      redirect_uri: `http://127.0.0.1:41234/oob/callback/${ID}`,
    });
    await expect(issuer.authorize(cli.url)).rejects.toThrow();
  });
});
