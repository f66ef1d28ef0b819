import type { FetchLike } from '@latch/core';
import { OAuthError } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { generateVerifier } from '@latch/pkce';
import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeCode } from './exchange-code.js';
import { issuerCode } from './test-support/issuer.js';

describe('exchangeCode', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(() => issuer.close());

  it('redeems a code with the verifier and the exact redirect URI', async () => {
    const { code, verifier, redirectUri } = await issuerCode(issuer);
    const tokens = await exchangeCode(`${issuer.url}/token`, {
      code,
      codeVerifier: verifier,
      redirectUri,
      client: { clientId: issuer.clientId },
    });
    expect(tokens.tokenType).toBe('Bearer');
    expect(typeof tokens.accessToken).toBe('string');
    expect(typeof tokens.refreshToken).toBe('string');
    expect(typeof tokens.idToken).toBe('string');
  });

  it('sends exactly the RFC 6749 §4.1.3 form', async () => {
    let sent: URLSearchParams | undefined;
    const recording: FetchLike = async (url, init) => {
      sent = new URLSearchParams(init.body);
      return fetch(url, init);
    };
    const { code, verifier, redirectUri } = await issuerCode(issuer);
    await exchangeCode(`${issuer.url}/token`, {
      code,
      codeVerifier: verifier,
      redirectUri,
      client: { clientId: issuer.clientId },
      fetch: recording,
    });
    expect(Object.fromEntries(sent ?? [])).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: issuer.clientId,
    });
  });

  it('gets invalid_grant for another verifier or another redirect URI, with no secret in the error', async () => {
    const first = await issuerCode(issuer);
    const wrongVerifier = await rejectionOf(
      exchangeCode(`${issuer.url}/token`, {
        code: first.code,
        codeVerifier: generateVerifier(),
        redirectUri: first.redirectUri,
        client: { clientId: issuer.clientId },
      }),
    );
    expect(OAuthError.isInstance(wrongVerifier)).toBe(true);
    expect((wrongVerifier as OAuthError).error).toBe('invalid_grant');
    expectNoSecrets(wrongVerifier, [first.code, first.verifier]);

    const second = await issuerCode(issuer);
    const wrongRedirect = await rejectionOf(
      exchangeCode(`${issuer.url}/token`, {
        code: second.code,
        codeVerifier: second.verifier,
        redirectUri: 'http://127.0.0.1:1/callback',
        client: { clientId: issuer.clientId },
      }),
    );
    expect((wrongRedirect as OAuthError).error).toBe('invalid_grant');
  });

  it('throws TypeError for a missing code, a bad verifier or redirect URI, never echoing them', async () => {
    const base = {
      code: 'SENTINEL-CODE-x1',
      codeVerifier: generateVerifier(),
      redirectUri: 'http://127.0.0.1:5000/callback',
      client: { clientId: 'my-cli' },
    };
    for (const options of [
      { ...base, code: '' },
      { ...base, codeVerifier: 'SENTINEL-short-verifier' },
      { ...base, redirectUri: '/callback' },
      { ...base, client: { clientId: '' } },
    ]) {
      const error = await rejectionOf(exchangeCode('http://127.0.0.1:1/token', options));
      expect(error).toBeInstanceOf(TypeError);
      expectNoSecrets(error, ['SENTINEL-CODE-x1', 'SENTINEL-short-verifier']);
    }
  });
});
