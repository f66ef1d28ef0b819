import { describe, expect, it } from 'vitest';
import { DEVICE_CODE_GRANT_TYPE, pollDeviceToken } from './poll-device-token.js';
import { DeviceCodeExpiredError } from './poll-errors.js';
import { FAKE_START, fakeClock } from './test-support/fake-clock.js';
import { authorization, pollScript } from './test-support/poll-script.js';
import { ok, pending, slowDown, useScriptedServers } from './test-support/scripted-server.js';
import { expectNoSecrets, SECRET, TOKEN_BODY } from './test-support/secrets.js';

const serve = useScriptedServers();

describe('pollDeviceToken timing, against a scripted token endpoint', () => {
  it('waits one interval before the first poll and between pending answers: t = 5, 10, 15 s', async () => {
    const { tokens, pollTimes, clock, server } = await pollScript(serve, [
      pending(),
      pending(),
      ok(TOKEN_BODY),
    ]);
    expect(pollTimes).toEqual([5, 10, 15]);
    expect(clock.waits).toEqual([5000, 5000, 5000]);
    expect(tokens).toEqual({
      accessToken: SECRET.accessToken,
      tokenType: 'Bearer',
      refreshToken: SECRET.refreshToken,
      expiresAt: FAKE_START + 15_000 + 3_600_000,
    });
    expect(server.unscripted).toEqual([]);
  });

  it('sends the RFC 8628 §3.4 device access token request', async () => {
    const { server } = await pollScript(serve, [ok(TOKEN_BODY)]);
    const form = server.polls()[0]?.form;
    expect(Object.fromEntries(form ?? [])).toEqual({
      grant_type: DEVICE_CODE_GRANT_TYPE,
      device_code: SECRET.deviceCode,
      client_id: 'latch-cli',
    });
    expect(DEVICE_CODE_GRANT_TYPE).toBe('urn:ietf:params:oauth:grant-type:device_code');
  });

  it('uses the server interval when given', async () => {
    const { pollTimes } = await pollScript(serve, [pending(), ok(TOKEN_BODY)], { interval: 8 });
    expect(pollTimes).toEqual([8, 16]);
  });

  it('after one slow_down polls every 10 s for the rest of the flow', async () => {
    const { pollTimes, waits } = await pollScript(serve, [
      pending(),
      slowDown,
      pending(),
      pending(),
      ok(TOKEN_BODY),
    ]);
    expect(pollTimes).toEqual([5, 10, 20, 30, 40]);
    expect(waits.map((w) => [w.reason, w.intervalMs])).toEqual([
      ['initial', 5000],
      ['pending', 5000],
      ['slow_down', 10000],
      ['pending', 10000],
      ['pending', 10000],
    ]);
  });

  it('waits at least Retry-After: on a 400 authorization_pending and on a 429 without JSON', async () => {
    const { pollTimes, waits } = await pollScript(serve, [
      pending({ 'retry-after': '12' }),
      { status: 429, text: '<h1>Too many requests</h1>', headers: { 'retry-after': '20' } },
      pending({ 'retry-after': '1' }),
      ok(TOKEN_BODY),
    ]);
    expect(pollTimes).toEqual([5, 17, 37, 42]);
    expect(waits.map((w) => w.reason)).toEqual([
      'initial',
      'retry_after',
      'retry_after',
      'pending',
    ]);
  });

  it('backs off after a request timeout (doubling the wait) and keeps polling', async () => {
    const started = Date.now();
    const { tokens, pollTimes, waits } = await pollScript(
      serve,
      ['hang', 'hang', pending(), ok(TOKEN_BODY)],
      {
        timeoutMs: 150,
      },
    );
    expect(tokens?.accessToken).toBe(SECRET.accessToken);
    expect(pollTimes).toEqual([5, 15, 35, 40]);
    expect(waits.map((w) => [w.reason, w.waitMs])).toEqual([
      ['initial', 5000],
      ['backoff', 10000],
      ['backoff', 20000],
      ['pending', 5000],
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('backs off after a dropped connection, and after a 503 without Retry-After', async () => {
    const { pollTimes } = await pollScript(serve, [
      'reset',
      { status: 503, text: 'maintenance' },
      pending(),
      ok(TOKEN_BODY),
    ]);
    expect(pollTimes).toEqual([5, 15, 35, 40]);
  });

  it('never polls at or after expires_in: ends at the deadline with DeviceCodeExpiredError', async () => {
    const { error, pollTimes, clock, waits, server } = await pollScript(
      serve,
      [pending(), pending(), pending(), pending()],
      { expiresIn: 12 },
    );
    expect(DeviceCodeExpiredError.isInstance(error)).toBe(true);
    expect((error as DeviceCodeExpiredError).expiresAt).toBe(FAKE_START + 12_000);
    expect(pollTimes).toEqual([5, 10]);
    expect(Math.abs(clock.elapsed() - 12_000)).toBeLessThanOrEqual(1_000);
    expect(waits.at(-1)).toMatchObject({ reason: 'deadline', waitMs: 2000, attempt: 3 });
    expect(server.unscripted).toEqual([]);
    expectNoSecrets(error);
  });

  it('does not let slow_down push a poll past the deadline', async () => {
    const { error, pollTimes, clock } = await pollScript(serve, [pending(), slowDown, pending()], {
      expiresIn: 18,
    });
    expect(DeviceCodeExpiredError.isInstance(error)).toBe(true);
    expect(pollTimes).toEqual([5, 10]);
    expect(clock.elapsed()).toBe(18_000);
  });

  it('reports every wait to onWait before it happens', async () => {
    const clock = fakeClock();
    const server = await serve({ '/token': [pending(), slowDown, ok(TOKEN_BODY)] }, clock.now);
    const seen: string[] = [];
    server.onRequest(() => seen.push('poll'));
    await pollDeviceToken(authorization(600), {
      tokenEndpoint: server.tokenEndpoint,
      clientId: 'latch-cli',
      now: clock.now,
      sleep: async (ms, signal) => {
        seen.push(`sleep ${ms}`);
        await clock.sleep(ms, signal);
      },
      onWait: (wait) => {
        seen.push(`wait ${wait.waitMs}`);
        expect(wait).toEqual({
          attempt: seen.filter((s) => s.startsWith('wait')).length,
          waitMs: wait.waitMs,
          pollAt: clock.now() + wait.waitMs,
          intervalMs: wait.reason === 'slow_down' ? 10000 : 5000,
          expiresAt: FAKE_START + 600_000,
          reason: wait.reason,
        });
      },
    });
    expect(seen).toEqual([
      'wait 5000',
      'sleep 5000',
      'poll',
      'wait 5000',
      'sleep 5000',
      'poll',
      'wait 10000',
      'sleep 10000',
      'poll',
    ]);
  });
});
