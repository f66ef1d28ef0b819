import { InsecureEndpointError, InvalidResponseError } from '@latch/core';
import { expectNoSecrets, rejectionOf, sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { exchangeToken } from './exchange-token.js';
import { InvalidTargetError } from './invalid-target-error.js';
import {
  TOKEN_EXCHANGE_GRANT_TYPE,
  TOKEN_TYPE_ACCESS_TOKEN,
  TOKEN_TYPE_ID_TOKEN,
  TOKEN_TYPE_JWT,
  TOKEN_TYPE_REFRESH_TOKEN,
  TOKEN_TYPE_SAML1,
  TOKEN_TYPE_SAML2,
} from './token-types.js';

const SUBJECT = 'SENTINEL-SUBJECT-TOKEN-1f3a';
const ACTOR = 'SENTINEL-ACTOR-TOKEN-77be';
const ISSUED = 'SENTINEL-ISSUED-TOKEN-c05d';
const SECRETS = [SUBJECT, ACTOR, ISSUED];

const serve = useTestServer();

/** A token endpoint answering every request with `status` and `body`. */
async function endpointAnswering(status: number, body: unknown): Promise<string> {
  const server = await serve((_req, res) => sendJson(res, status, body));
  return `${server.url}/token`;
}

const subject = { subjectToken: SUBJECT, subjectTokenType: TOKEN_TYPE_ACCESS_TOKEN };

describe('exchangeToken against a scripted token endpoint', () => {
  it('sends every RFC 8693 §2.1 parameter, lists as repeated parameters', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, {
        access_token: ISSUED,
        token_type: 'Bearer',
        issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      }),
    );
    await exchangeToken({
      endpoint: `${server.url}/token`,
      clientId: 'latch-cli',
      ...subject,
      actorToken: ACTOR,
      actorTokenType: TOKEN_TYPE_JWT,
      requestedTokenType: TOKEN_TYPE_ACCESS_TOKEN,
      audience: ['svc-a', 'svc-b'],
      resource: ['https://a.example/api', 'https://b.example/'],
      scope: ['read', 'write'],
    });
    const form = server.requests[0]?.form;
    expect(server.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form?.get('grant_type')).toBe(TOKEN_EXCHANGE_GRANT_TYPE);
    expect(form?.get('client_id')).toBe('latch-cli');
    expect(form?.get('subject_token')).toBe(SUBJECT);
    expect(form?.get('subject_token_type')).toBe(TOKEN_TYPE_ACCESS_TOKEN);
    expect(form?.get('actor_token')).toBe(ACTOR);
    expect(form?.get('actor_token_type')).toBe(TOKEN_TYPE_JWT);
    expect(form?.get('requested_token_type')).toBe(TOKEN_TYPE_ACCESS_TOKEN);
    expect(form?.getAll('audience')).toEqual(['svc-a', 'svc-b']);
    expect(form?.getAll('resource')).toEqual(['https://a.example/api', 'https://b.example/']);
    expect(form?.get('scope')).toBe('read write');
  });

  it('sends only what was given', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, {
        access_token: ISSUED,
        token_type: 'Bearer',
        issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      }),
    );
    await exchangeToken({ endpoint: `${server.url}/token`, clientId: 'c', ...subject });
    expect([...(server.requests[0]?.form.keys() ?? [])].sort()).toEqual([
      'client_id',
      'grant_type',
      'subject_token',
      'subject_token_type',
    ]);
  });

  it('returns the issued token with its type, expiry from the injected clock', async () => {
    const endpoint = await endpointAnswering(200, {
      access_token: ISSUED,
      token_type: 'bearer',
      issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      expires_in: 120,
      scope: 'read',
    });
    const tokens = await exchangeToken({ endpoint, clientId: 'c', ...subject, now: () => 5_000 });
    expect(tokens).toEqual({
      accessToken: ISSUED,
      tokenType: 'Bearer',
      issuedTokenType: TOKEN_TYPE_ACCESS_TOKEN,
      expiresAt: 125_000,
      scope: 'read',
    });
  });

  it.each([TOKEN_TYPE_JWT, TOKEN_TYPE_ID_TOKEN, TOKEN_TYPE_SAML2])(
    'accepts token_type N_A for a token that is not an access token (%s)',
    async (issuedTokenType) => {
      const endpoint = await endpointAnswering(200, {
        access_token: ISSUED,
        token_type: 'N_A',
        issued_token_type: issuedTokenType,
      });
      const tokens = await exchangeToken({ endpoint, clientId: 'c', ...subject });
      expect(tokens).toMatchObject({ tokenType: 'N_A', issuedTokenType, accessToken: ISSUED });
    },
  );

  it('refuses token_type N_A for an issued access token', async () => {
    const endpoint = await endpointAnswering(200, {
      access_token: ISSUED,
      token_type: 'N_A',
      issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
    });
    const error = await rejectionOf(() => exchangeToken({ endpoint, clientId: 'c', ...subject }));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'token_type' });
    expect((error as Error).message).toContain('N_A');
    expectNoSecrets(error, SECRETS);
  });

  it('refuses an answer without issued_token_type', async () => {
    const endpoint = await endpointAnswering(200, { access_token: ISSUED, token_type: 'Bearer' });
    const error = await rejectionOf(() => exchangeToken({ endpoint, clientId: 'c', ...subject }));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response', field: 'issued_token_type' });
    expectNoSecrets(error, SECRETS);
  });

  it('turns invalid_target into InvalidTargetError', async () => {
    const endpoint = await endpointAnswering(400, {
      error: 'invalid_target',
      error_description: 'unknown audience',
    });
    const error = await rejectionOf(() =>
      exchangeToken({ endpoint, clientId: 'c', ...subject, audience: 'nope' }),
    );
    expect(InvalidTargetError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(InvalidTargetError);
    expect(error).toMatchObject({
      name: 'InvalidTargetError',
      error: 'invalid_target',
      errorDescription: 'unknown audience',
      status: 400,
    });
    expectNoSecrets(error, SECRETS);
  });

  it('refuses plain http to a non-loopback host before sending, unless allowInsecureHttp', async () => {
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(url);
      return new Response(
        JSON.stringify({
          access_token: ISSUED,
          token_type: 'Bearer',
          issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    };
    const options = { endpoint: 'http://sts.example/token', clientId: 'c', ...subject, fetch };
    const error = await rejectionOf(() => exchangeToken(options));
    expect(InsecureEndpointError.isInstance(error)).toBe(true);
    expect(calls).toEqual([]);
    expectNoSecrets(error, SECRETS);

    const tokens = await exchangeToken({ ...options, allowInsecureHttp: true });
    expect(tokens.accessToken).toBe(ISSUED);
    expect(calls).toEqual(['http://sts.example/token']);
  });

  it('rejects bad arguments with TypeError before sending, never quoting a token', async () => {
    const server = await serve((_req, res) => sendJson(res, 500, {}));
    const base = { endpoint: `${server.url}/token`, clientId: 'c', ...subject };
    const bad: unknown[] = [
      undefined,
      { ...base, clientId: '' },
      { ...base, subjectToken: '' },
      { ...base, subjectTokenType: undefined },
      { ...base, actorToken: ACTOR },
      { ...base, actorTokenType: TOKEN_TYPE_ACCESS_TOKEN },
      { ...base, actorToken: '', actorTokenType: TOKEN_TYPE_ACCESS_TOKEN },
      { ...base, requestedTokenType: '' },
      { ...base, resource: 'relative/path' },
      { ...base, resource: ['https://a.example/#x'] },
      { ...base, audience: [] },
      { ...base, audience: [''] },
      { ...base, scope: ' ' },
    ];
    for (const options of bad) {
      const error = await rejectionOf(() =>
        exchangeToken(options as Parameters<typeof exchangeToken>[0]),
      );
      expect(error).toBeInstanceOf(TypeError);
      expectNoSecrets(error, SECRETS);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('InvalidTargetError', () => {
  it('is recognised across copies by brand and code, and serialises without the cause', () => {
    const brand = Symbol.for('latch.error');
    expect(InvalidTargetError.isInstance({ [brand]: true, code: 'invalid_target' })).toBe(true);
    expect(InvalidTargetError.isInstance({ [brand]: true, code: 'oauth_error' })).toBe(false);
    expect(InvalidTargetError.isInstance({ code: 'invalid_target' })).toBe(false);
    const error = new InvalidTargetError({ error: 'invalid_target', cause: new Error(SUBJECT) });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'InvalidTargetError',
      code: 'invalid_target',
      error: 'invalid_target',
      message: error.message,
    });
  });
});

describe('token type constants', () => {
  it('are the RFC 8693 §3 identifiers', () => {
    expect([
      TOKEN_TYPE_ACCESS_TOKEN,
      TOKEN_TYPE_REFRESH_TOKEN,
      TOKEN_TYPE_ID_TOKEN,
      TOKEN_TYPE_SAML1,
      TOKEN_TYPE_SAML2,
      TOKEN_TYPE_JWT,
    ]).toEqual([
      'urn:ietf:params:oauth:token-type:access_token',
      'urn:ietf:params:oauth:token-type:refresh_token',
      'urn:ietf:params:oauth:token-type:id_token',
      'urn:ietf:params:oauth:token-type:saml1',
      'urn:ietf:params:oauth:token-type:saml2',
      'urn:ietf:params:oauth:token-type:jwt',
    ]);
    expect(TOKEN_EXCHANGE_GRANT_TYPE).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
  });
});
