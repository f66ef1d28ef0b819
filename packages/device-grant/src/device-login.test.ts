import { AbortError, readJwtClaims } from '@latch/core';
import { DEVICE_CODE_GRANT_TYPE, type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceVerification } from './device-authorization.js';
import { deviceLogin } from './device-login.js';
import type { PollWait } from './poll-device-token.js';
import { AccessDeniedError, DeviceCodeExpiredError } from './poll-errors.js';
import { requestDeviceCode } from './request-device-code.js';
import { fakeClock } from './test-support/fake-clock.js';
import { expectNoSecrets, rejectionOf } from './test-support/secrets.js';

let issuer: Issuer;
beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
});
afterAll(() => issuer.close());
beforeEach(() => {
  issuer.grants.reset();
  issuer.setTtl({ deviceCode: 600 });
});

const scope = 'openid offline_access api:read';

describe('deviceLogin against the embedded issuer', () => {
  it('logs in when the demo user approves from inside onVerification', async () => {
    const start = Date.now();
    const clock = fakeClock({ start });
    const shown: DeviceVerification[] = [];
    const tokens = await deviceLogin({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope,
      now: clock.now,
      sleep: clock.sleep,
      onVerification: async (verification) => {
        shown.push(verification);
        await issuer.approveDevice(verification.userCode);
      },
    });
    const [verification] = shown;
    expect(verification?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(verification?.verificationUri).toBe(`${issuer.url}/device`);
    expect(verification?.verificationUriComplete).toContain('user_code=');
    expect(verification?.interval).toBe(5);
    expect(verification?.expiresIn).toBe(600);
    expect(verification?.expiresAt).toBe(start + 600_000);
    expect(verification && 'deviceCode' in verification).toBe(false);
    expect(clock.waits).toEqual([5000]);
    expect(tokens.tokenType).toBe('Bearer');
    expect(typeof tokens.refreshToken).toBe('string');
    expect(readJwtClaims(tokens.accessToken)).toMatchObject({
      aud: issuer.resources.api,
      sub: issuer.demoUser.sub,
    });
    expect(issuer.grants.count(DEVICE_CODE_GRANT_TYPE)).toBe(1);
    expect(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE)).toBe(0);
  });

  it('logs in when the user approves concurrently while polling goes on', async () => {
    // A long code life and a few real ms per wait give the issuer's pages ample polls to finish.
    issuer.setTtl({ deviceCode: 3600 });
    const clock = fakeClock({ start: Date.now(), realDelayMs: 10 });
    let approval: Promise<void> | undefined;
    const tokens = await deviceLogin({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope,
      now: clock.now,
      sleep: clock.sleep,
      onVerification: ({ userCode }) => {
        approval = issuer.approveDevice(userCode);
      },
    });
    await approval;
    expect(tokens.accessToken).toBeTruthy();
    expect(issuer.grants.count(DEVICE_CODE_GRANT_TYPE)).toBe(1);
    // Every wait was a full interval; each pending answer cost one poll, and no extra poll.
    expect(clock.waits.every((ms) => ms === 5000)).toBe(true);
    expect(clock.waits).toHaveLength(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE) + 1);
  });

  it('ends with AccessDeniedError when the user denies', async () => {
    const clock = fakeClock({ start: Date.now() });
    const error = await rejectionOf(() =>
      deviceLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        scope,
        now: clock.now,
        sleep: clock.sleep,
        onVerification: ({ userCode }) => issuer.approveDevice(userCode, { deny: true }),
      }),
    );
    expect(AccessDeniedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('declined');
    expect(issuer.grants.count(DEVICE_CODE_GRANT_TYPE)).toBe(0);
    expectNoSecrets(error, []);
  });

  it('ends with DeviceCodeExpiredError at expires_in when nobody approves, no poll after it', async () => {
    issuer.setTtl({ deviceCode: 12 });
    const start = Date.now();
    const clock = fakeClock({ start });
    const waits: PollWait[] = [];
    let userCode = '';
    const error = await rejectionOf(() =>
      deviceLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        scope,
        now: clock.now,
        sleep: clock.sleep,
        onVerification: (verification) => {
          userCode = verification.userCode;
        },
        onWait: (wait) => waits.push(wait),
      }),
    );
    expect(DeviceCodeExpiredError.isInstance(error)).toBe(true);
    expect((error as DeviceCodeExpiredError).expiresAt).toBe(start + 12_000);
    expect(clock.elapsed()).toBe(12_000);
    expect(waits.map((w) => w.reason)).toEqual(['initial', 'pending', 'deadline']);
    expect(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE)).toBe(2);
    expectNoSecrets(error, [userCode]);
  });

  it('aborts mid-poll with AbortError within 100 ms, using the real sleep', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const started = performance.now();
    const error = await rejectionOf(() =>
      deviceLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        scope,
        signal: controller.signal,
        onVerification: () => {},
        onWait: () => {
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 20);
        },
      }),
    );
    expect(AbortError.isInstance(error)).toBe(true);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE)).toBe(0);
  });

  it('aborts while onVerification is still waiting', async () => {
    const controller = new AbortController();
    const error = await rejectionOf(() =>
      deviceLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        signal: controller.signal,
        onVerification: () => {
          setTimeout(() => controller.abort(), 10);
          return new Promise<void>(() => {});
        },
      }),
    );
    expect(AbortError.isInstance(error)).toBe(true);
  });

  it('ends with what onVerification throws, without polling', async () => {
    const clock = fakeClock({ start: Date.now() });
    const error = await rejectionOf(() =>
      deviceLogin({
        issuer: issuer.url,
        clientId: issuer.clientId,
        now: clock.now,
        sleep: clock.sleep,
        onVerification: () => {
          throw new Error('no terminal to show the code on');
        },
      }),
    );
    expect((error as Error).message).toBe('no terminal to show the code on');
    expect(clock.waits).toEqual([]);
  });

  it('works with both endpoints given instead of the issuer', async () => {
    const clock = fakeClock({ start: Date.now() });
    const tokens = await deviceLogin({
      deviceAuthorizationEndpoint: `${issuer.url}/device/auth`,
      tokenEndpoint: `${issuer.url}/token`,
      clientId: issuer.clientId,
      scope,
      now: clock.now,
      sleep: clock.sleep,
      onVerification: ({ userCode }) => issuer.approveDevice(userCode),
    });
    expect(tokens.accessToken).toBeTruthy();
  });

  it.each([
    ['no onVerification', { issuer: 'http://127.0.0.1:1', clientId: 'c' }],
    ['no issuer or endpoints', { clientId: 'c', onVerification: () => {} }],
    [
      'only one endpoint',
      { clientId: 'c', tokenEndpoint: 'http://127.0.0.1:1/t', onVerification: () => {} },
    ],
    [
      'the issuer and an endpoint',
      {
        clientId: 'c',
        issuer: 'http://127.0.0.1:1',
        tokenEndpoint: 'http://127.0.0.1:1/t',
        onVerification: () => {},
      },
    ],
  ])('rejects %s with TypeError', async (_name, options) => {
    await expect(deviceLogin(options as never)).rejects.toThrow(TypeError);
  });
});

describe('requestDeviceCode against the embedded issuer', () => {
  it('discovers the device endpoint and returns the codes in camelCase', async () => {
    const start = Date.now();
    const authorization = await requestDeviceCode({
      issuer: issuer.url,
      clientId: issuer.clientId,
      scope: ['openid', 'api:read'],
      now: () => start,
    });
    expect(authorization).toEqual({
      deviceCode: expect.any(String),
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: `${issuer.url}/device`,
      verificationUriComplete: `${issuer.url}/device?user_code=${authorization.userCode}`,
      expiresIn: 600,
      expiresAt: start + 600_000,
      interval: 5,
    });
  });
});
