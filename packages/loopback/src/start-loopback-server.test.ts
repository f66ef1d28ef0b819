import { connect, type Socket } from 'node:net';
import { AbortError, OAuthError } from '@latch/core';
import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { LoginTimeoutError } from './login-timeout-error.js';
import { startLoopbackServer } from './start-loopback-server.js';
import { followCallback, msUntilRefused, rawGet, tryConnect } from './test-support/http.js';
import { controlledSleep, track } from './test-support/runtime.js';

const STATE = 'state-a1b2c3';
const CODE = 'SENTINEL-CODE-77e1a0';
const ISSUER = 'https://as.example';
// Loose bound for "the port is released soon after": real, but never flaky on 2 busy cores.
const RELEASE_MS = 100;

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 and [::1] on one free port, and the redirect URI names the IP literal', async () => {
    const server = await startLoopbackServer({ state: STATE });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.redirectUri).toBe(`http://127.0.0.1:${server.port}/callback`);
      expect([...server.addresses].sort()).toEqual(['127.0.0.1', '::1']);
      expect(await tryConnect('127.0.0.1', server.port)).toBe('connected');
      expect(await tryConnect('::1', server.port)).toBe('connected');
    } finally {
      await server.close();
    }
    const v6 = await startLoopbackServer({ state: STATE, host: '::1', callbackPath: '/cb' });
    expect(v6.redirectUri).toBe(`http://[::1]:${v6.port}/cb`);
    await v6.close();
  });

  it('answers the callback with a 303 to a clean page, sends the page, then releases the port', async () => {
    const server = await startLoopbackServer({
      state: STATE,
      expectedIssuer: ISSUER,
      issRequired: true,
      appName: 'demo-cli',
    });
    const { first, page, receivedAt } = await followCallback(
      `${server.redirectUri}?code=${CODE}&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`,
    );
    expect(first.status).toBe(303);
    expect(first.headers.location).toMatch(/^\/done\/[\w-]{20,}$/);
    expect(first.headers.location).not.toContain(CODE);
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('You are signed in to demo-cli');
    expect(page?.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(page?.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-type': 'text/html; charset=utf-8',
    });
    await expect(server.result).resolves.toEqual({ code: CODE, state: STATE, iss: ISSUER });
    const waited = performance.now() - receivedAt;
    expect(waited + (await msUntilRefused('127.0.0.1', server.port))).toBeLessThan(RELEASE_MS);
    expect(await tryConnect('::1', server.port)).toBe('ECONNREFUSED');
  });

  it('takes the callback on [::1] as well', async () => {
    const server = await startLoopbackServer({ state: STATE, host: '::1' });
    await followCallback(`${server.redirectUri}?code=${CODE}&state=${STATE}`);
    await expect(server.result).resolves.toEqual({ code: CODE, state: STATE });
    expect(await tryConnect('::1', server.port)).toBe('ECONNREFUSED');
  });

  it("ends with the server's error for this login, showing its description as text", async () => {
    const server = await startLoopbackServer({ state: STATE });
    const description = '<img src=x onerror=alert(1)>';
    const { page } = await followCallback(
      `${server.redirectUri}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${STATE}`,
    );
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page?.body).not.toContain('<img');
    const error = await rejectionOf(server.result);
    expect(OAuthError.isInstance(error)).toBe(true);
    expect((error as OAuthError).error).toBe('access_denied');
  });

  it('times out with a LoginTimeoutError and releases the port at once', async () => {
    const clock = controlledSleep(60_000);
    const server = await startLoopbackServer({
      state: STATE,
      timeoutMs: 60_000,
      sleep: clock.sleep,
    });
    const pending = track(server.result);
    expect(clock.pending()).toBe(1);
    const firedAt = performance.now();
    clock.fire();
    const error = await rejectionOf(pending.promise);
    expect(LoginTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'login_timeout', timeoutMs: 60_000 });
    expect(
      performance.now() - firedAt + (await msUntilRefused('127.0.0.1', server.port)),
    ).toBeLessThan(RELEASE_MS);
  });

  it('stops on abort with an AbortError and releases the port at once', async () => {
    const controller = new AbortController();
    const server = await startLoopbackServer({ state: STATE, signal: controller.signal });
    const abortedAt = performance.now();
    controller.abort(new Error('user pressed Ctrl-C'));
    const error = await rejectionOf(server.result);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(performance.now() - abortedAt + (await msUntilRefused('::1', server.port))).toBeLessThan(
      RELEASE_MS,
    );
    await expect(
      startLoopbackServer({ state: STATE, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });

  it('drops idle and half-sent connections when it stops, so nothing holds it open', async () => {
    const controller = new AbortController();
    const server = await startLoopbackServer({ state: STATE, signal: controller.signal });
    const sockets = await Promise.all(
      ['127.0.0.1', '::1', '127.0.0.1'].map((host, i) => openSocket(host, server.port, i === 2)),
    );
    const abortedAt = performance.now();
    controller.abort();
    await rejectionOf(server.result);
    expect(performance.now() - abortedAt).toBeLessThan(500);
    await Promise.all(
      sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve))),
    );
  });

  it('close() before any callback rejects the result (never unhandled) and frees the port', async () => {
    const server = await startLoopbackServer({ state: STATE });
    await server.close();
    await server.close();
    expect(await tryConnect('127.0.0.1', server.port)).toBe('ECONNREFUSED');
    await expect(server.result).rejects.toMatchObject({ code: 'aborted' });
  });

  it('closes after pageTimeoutMs when the browser never fetches the result page', async () => {
    const server = await startLoopbackServer({ state: STATE, pageTimeoutMs: 50 });
    const first = await rawGet('127.0.0.1', server.port, `/callback?code=${CODE}&state=${STATE}`);
    expect(first.status).toBe(303);
    await expect(server.result).resolves.toMatchObject({ code: CODE });
    expect(await tryConnect('127.0.0.1', server.port)).toBe('ECONNREFUSED');
  });

  it('listens on a fixed port on request, and refuses a taken one with PortUnavailableError', async () => {
    const probe = await startLoopbackServer({ state: STATE });
    const port = probe.port;
    await probe.close();
    const fixed = await startLoopbackServer({ state: STATE, port });
    try {
      expect(fixed.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
      const error = await rejectionOf(startLoopbackServer({ state: STATE, port }));
      expect(error).toMatchObject({ code: 'port_unavailable', port, host: '127.0.0.1' });
    } finally {
      await fixed.close();
    }
  });

  it('keeps the code and state out of every error', async () => {
    const server = await startLoopbackServer({ state: STATE, expectedIssuer: ISSUER });
    await rawGet(
      '127.0.0.1',
      server.port,
      `/callback?code=${CODE}&state=${STATE}&iss=https://evil`,
    );
    await server.close();
    expectNoSecrets(await rejectionOf(server.result), [CODE, STATE]);
  });

  it('throws TypeError for bad options', async () => {
    const bad = [
      {},
      { state: '' },
      { state: STATE, host: 'localhost' },
      { state: STATE, host: '0.0.0.0' },
      { state: STATE, port: 70_000 },
      { state: STATE, callbackPath: 'callback' },
      { state: STATE, callbackPath: '/cb?x=1' },
      { state: STATE, headersTimeoutMs: 60_000 },
      { state: STATE, timeoutMs: 0 },
      { state: STATE, issRequired: true },
    ];
    for (const options of bad) {
      await expect(startLoopbackServer(options as never)).rejects.toThrow(TypeError);
    }
  });
});

/** A connected socket that sends nothing, or only the start of a request. */
function openSocket(host: string, port: number, partial: boolean): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.on('error', () => {});
    socket.once('error', reject);
    socket.once('connect', () => {
      if (partial) socket.write('GET /callback?code=c HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      // Give the server a moment to accept it before the test stops the server.
      setTimeout(() => resolve(socket), 20);
    });
  });
}
