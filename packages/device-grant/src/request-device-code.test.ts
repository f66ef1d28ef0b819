import { InvalidResponseError, OAuthError, TimeoutError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { DeviceFlowUnsupportedError } from './device-flow-unsupported-error.js';
import { InsecureVerificationUriError } from './insecure-verification-uri-error.js';
import { requestDeviceCode } from './request-device-code.js';
import { FAKE_START, fakeClock } from './test-support/fake-clock.js';
import { oauthError, ok, useScriptedServers } from './test-support/scripted-server.js';
import { expectNoSecrets, rejectionOf, SECRET } from './test-support/secrets.js';

const serve = useScriptedServers();

const answer = {
  device_code: SECRET.deviceCode,
  user_code: SECRET.userCode,
  verification_uri: 'https://as.example/device',
  expires_in: 900,
};

describe('requestDeviceCode against a scripted endpoint', () => {
  it('sends client_id, scope and resource; expiresAt counts from the clock read before sending', async () => {
    const events: string[] = [];
    let time = FAKE_START;
    const server = await serve({ '/device': [ok(answer)] });
    server.onRequest(() => {
      events.push('request');
      time += 3_000; // time spent on the wire must shorten the codes' life
    });
    const authorization = await requestDeviceCode({
      deviceAuthorizationEndpoint: server.deviceEndpoint,
      clientId: 'latch-cli',
      scope: ['openid', 'offline_access'],
      resource: ['https://api.example', 'https://data.example'],
      now: () => {
        events.push('clock');
        return time;
      },
    });
    expect(events).toEqual(['clock', 'request']);
    expect(authorization).toEqual({
      deviceCode: SECRET.deviceCode,
      userCode: SECRET.userCode,
      verificationUri: 'https://as.example/device',
      expiresIn: 900,
      expiresAt: FAKE_START + 900_000,
      interval: 5,
    });
    const form = server.requests[0]?.form;
    expect(form?.get('client_id')).toBe('latch-cli');
    expect(form?.get('scope')).toBe('openid offline_access');
    expect(form?.getAll('resource')).toEqual(['https://api.example', 'https://data.example']);
  });

  it('sends a scope string as given and no scope when none is asked for', async () => {
    const server = await serve({ '/device': [ok(answer), ok(answer)] });
    const options = { deviceAuthorizationEndpoint: server.deviceEndpoint, clientId: 'latch-cli' };
    await requestDeviceCode({ ...options, scope: 'openid api:read' });
    await requestDeviceCode(options);
    expect(server.requests[0]?.form.get('scope')).toBe('openid api:read');
    expect(server.requests[1]?.form.has('scope')).toBe(false);
  });

  it('refuses a non-https verification URI from a remote host', async () => {
    const server = await serve({
      '/device': [ok({ ...answer, verification_uri: 'http://as.example/device' })],
    });
    const error = await rejectionOf(() =>
      requestDeviceCode({ deviceAuthorizationEndpoint: server.deviceEndpoint, clientId: 'c' }),
    );
    expect(InsecureVerificationUriError.isInstance(error)).toBe(true);
    expectNoSecrets(error);
  });

  it('refuses an answer with a missing field, without quoting the codes', async () => {
    const { expires_in, ...partial } = answer;
    const server = await serve({ '/device': [ok(partial)] });
    const error = await rejectionOf(() =>
      requestDeviceCode({ deviceAuthorizationEndpoint: server.deviceEndpoint, clientId: 'c' }),
    );
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as InvalidResponseError).field).toBe('expires_in');
    expectNoSecrets(error);
  });

  it('passes the server’s OAuth error through as core’s OAuthError', async () => {
    const server = await serve({ '/device': [oauthError('invalid_scope')] });
    const error = await rejectionOf(() =>
      requestDeviceCode({ deviceAuthorizationEndpoint: server.deviceEndpoint, clientId: 'c' }),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
    expect((error as OAuthError).error).toBe('invalid_scope');
  });

  it('times the request deadline with a real timer even when sleep is injected', async () => {
    const server = await serve({ '/device': ['hang'] });
    const clock = fakeClock();
    const error = await rejectionOf(() =>
      requestDeviceCode({
        deviceAuthorizationEndpoint: server.deviceEndpoint,
        clientId: 'c',
        now: clock.now,
        sleep: clock.sleep,
        timeoutMs: 100,
      }),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(clock.waits).toEqual([]);
  });

  it('discovers the endpoint from the issuer, and says so when there is none', async () => {
    const metadata = (url: string, device: boolean) =>
      ok({
        issuer: url,
        token_endpoint: `${url}/token`,
        ...(device ? { device_authorization_endpoint: `${url}/device` } : {}),
      });
    const server = await serve((url) => ({
      '/.well-known/oauth-authorization-server': [metadata(url, true), metadata(url, false)],
      '/device': [ok(answer)],
    }));
    const found = await requestDeviceCode({ issuer: server.url, clientId: 'c' });
    expect(found.userCode).toBe(SECRET.userCode);
    const error = await rejectionOf(() => requestDeviceCode({ issuer: server.url, clientId: 'c' }));
    expect(DeviceFlowUnsupportedError.isInstance(error)).toBe(true);
    expect((error as DeviceFlowUnsupportedError).issuer).toBe(server.url);
    expect((error as Error).message).toContain('Use another login method');
    expect(server.requests.map((request) => request.path)).toEqual([
      '/.well-known/oauth-authorization-server',
      '/device',
      '/.well-known/oauth-authorization-server',
    ]);
  });

  it.each([
    ['no clientId', { deviceAuthorizationEndpoint: 'https://as.example/device' }],
    ['neither endpoint nor issuer', { clientId: 'c' }],
    [
      'both endpoint and issuer',
      {
        clientId: 'c',
        issuer: 'https://as.example',
        deviceAuthorizationEndpoint: 'https://as.example/d',
      },
    ],
    [
      'a scope list with an empty entry',
      { clientId: 'c', deviceAuthorizationEndpoint: 'https://as.example/d', scope: ['openid', ''] },
    ],
  ])('rejects %s with TypeError', async (_name, options) => {
    await expect(requestDeviceCode(options as never)).rejects.toThrow(TypeError);
  });
});
