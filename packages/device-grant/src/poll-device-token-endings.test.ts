import { AbortError, HttpStatusError, InvalidResponseError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { pollDeviceToken } from './poll-device-token.js';
import { AccessDeniedError, DeviceCodeExpiredError, DeviceTokenError } from './poll-errors.js';
import { blockingSleep, fakeClock } from './test-support/fake-clock.js';
import { authorization, pollScript } from './test-support/poll-script.js';
import { oauthError, ok, pending, useScriptedServers } from './test-support/scripted-server.js';
import { expectNoSecrets, rejectionOf, SECRET, TOKEN_BODY } from './test-support/secrets.js';

const serve = useScriptedServers();

describe('pollDeviceToken endings', () => {
  it('expired_token from the server → DeviceCodeExpiredError with the OAuthError as cause', async () => {
    const { error, pollTimes } = await pollScript(serve, [pending(), oauthError('expired_token')]);
    expect(DeviceCodeExpiredError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'The code expired before it was approved; run the login again and enter the new code.',
    );
    expect(((error as Error).cause as { error?: string }).error).toBe('expired_token');
    expect(pollTimes).toEqual([5, 10]);
  });

  it('access_denied → AccessDeniedError, no further poll', async () => {
    const { error, server } = await pollScript(serve, [
      oauthError('access_denied'),
      ok(TOKEN_BODY),
    ]);
    expect(AccessDeniedError.isInstance(error)).toBe(true);
    expect(server.polls()).toHaveLength(1);
  });

  it('another OAuth error → DeviceTokenError with the code verbatim', async () => {
    const { error } = await pollScript(serve, [oauthError('invalid_grant')]);
    expect(DeviceTokenError.isInstance(error)).toBe(true);
    expect((error as DeviceTokenError).error).toBe('invalid_grant');
  });

  it('a 500 without an OAuth body ends polling with core’s HttpStatusError', async () => {
    const { error, server } = await pollScript(serve, [
      { status: 500, text: 'oops' },
      ok(TOKEN_BODY),
    ]);
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect(server.polls()).toHaveLength(1);
  });

  it('a 200 that is not a token response ends polling with InvalidResponseError', async () => {
    const { error } = await pollScript(serve, [ok({ access_token: 42, token_type: 'Bearer' })]);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
  });

  it.each([
    ['expired_token', DeviceCodeExpiredError.isInstance],
    ['access_denied', AccessDeniedError.isInstance],
    ['invalid_grant', DeviceTokenError.isInstance],
  ])('no code or token in the %s error, even when the server quotes them', async (code, is) => {
    const description = `code ${SECRET.deviceCode} / ${SECRET.userCode} / ${SECRET.accessToken}`;
    const { error } = await pollScript(serve, [
      oauthError(code, description.replace(` / ${SECRET.accessToken}`, '')),
    ]);
    expect(is(error)).toBe(true);
    expectNoSecrets(error);
  });
});

describe('pollDeviceToken cancellation', () => {
  it('aborting during the wait rejects with AbortError at once, without polling', async () => {
    const server = await serve({ '/token': [ok(TOKEN_BODY)] });
    const { sleep, started } = blockingSleep();
    const controller = new AbortController();
    const polling = pollDeviceToken(authorization(), {
      tokenEndpoint: server.tokenEndpoint,
      clientId: 'latch-cli',
      now: fakeClock().now,
      sleep,
      signal: controller.signal,
    });
    expect(await started).toBe(5000);
    const abortedAt = performance.now();
    controller.abort(new Error('user pressed Ctrl-C'));
    const error = await rejectionOf(() => polling);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(server.polls()).toHaveLength(0);
  });

  it('rejects at once even when an injected sleep ignores the signal', async () => {
    const server = await serve({ '/token': [] });
    const controller = new AbortController();
    let slept = 0;
    const polling = pollDeviceToken(authorization(), {
      tokenEndpoint: server.tokenEndpoint,
      clientId: 'latch-cli',
      now: fakeClock().now,
      sleep: (ms) =>
        new Promise<void>(() => {
          slept = ms;
        }),
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slept).toBe(5000);
    const abortedAt = performance.now();
    controller.abort();
    const error = await rejectionOf(() => polling);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(AbortError.isInstance(error)).toBe(true);
  });

  it('aborting while a poll is in flight cancels the request with AbortError', async () => {
    const clock = fakeClock();
    const server = await serve({ '/token': ['hang'] }, clock.now);
    const controller = new AbortController();
    let abortedAt = 0;
    server.onRequest(() => {
      abortedAt = performance.now();
      controller.abort();
    });
    const error = await rejectionOf(() =>
      pollDeviceToken(authorization(), {
        tokenEndpoint: server.tokenEndpoint,
        clientId: 'latch-cli',
        now: clock.now,
        sleep: clock.sleep,
        signal: controller.signal,
      }),
    );
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(AbortError.isInstance(error)).toBe(true);
    await server.connectionsClosed();
    expect(server.polls()).toHaveLength(1);
  });

  it('an already aborted signal rejects before anything is sent', async () => {
    const server = await serve({ '/token': [] });
    const error = await rejectionOf(() =>
      pollDeviceToken(authorization(), {
        tokenEndpoint: server.tokenEndpoint,
        clientId: 'latch-cli',
        signal: AbortSignal.abort(),
      }),
    );
    expect(AbortError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});

describe('pollDeviceToken arguments', () => {
  const base = { tokenEndpoint: 'http://127.0.0.1:1/token', clientId: 'latch-cli' };

  it.each([
    ['no clientId', authorization(), { tokenEndpoint: base.tokenEndpoint }],
    ['an empty device code', { ...authorization(), deviceCode: '' }, base],
    ['a negative interval', { ...authorization(), interval: -1 }, base],
    ['both tokenEndpoint and issuer', authorization(), { ...base, issuer: 'http://127.0.0.1:1' }],
    ['neither tokenEndpoint nor issuer', authorization(), { clientId: 'latch-cli' }],
    ['an onWait that is not a function', authorization(), { ...base, onWait: 'spinner' }],
  ])('rejects %s with TypeError', async (_name, auth, options) => {
    const error = await rejectionOf(() => pollDeviceToken(auth, options as never));
    expect(error).toBeInstanceOf(TypeError);
    expectNoSecrets(error);
  });

  it('ends when onWait throws', async () => {
    const server = await serve({ '/token': [] });
    const error = await rejectionOf(() =>
      pollDeviceToken(authorization(), {
        ...base,
        tokenEndpoint: server.tokenEndpoint,
        now: fakeClock().now,
        onWait: () => {
          throw new Error('spinner broke');
        },
      }),
    );
    expect((error as Error).message).toBe('spinner broke');
    expect(server.polls()).toHaveLength(0);
  });
});
