import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Issuer, startIssuer } from '@latch/issuer';
import { sendJson, startTestServer, type TestServer } from '@latch/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, signInAsDemo } from './test-support/chromium.js';
import {
  jsonEvents,
  killStragglers,
  latchEnv,
  runLatch,
  startLatch,
} from './test-support/run-latch.js';
import { expectNoTokens, fileSession } from './test-support/session.js';

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+\n$/;

/** Reads a file once it exists with content (polled every 50 ms; the test timeout bounds it). */
async function waitForFile(file: string): Promise<string> {
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text !== '') return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the authorization_url event of a `--json` login and returns it. */
async function authorizationUrl(latch: ReturnType<typeof startLatch>) {
  const line = await latch.line(/"event":"authorization_url"/);
  return JSON.parse(line) as { url: string; redirectUri: string; browserOpened: boolean };
}

// The browser login of the built CLI as a real process, against the embedded issuer.
describe('latch login with a browser (the built CLI)', () => {
  let issuer: Issuer;
  let env: Record<string, string>;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(async () => {
    await issuer.close();
  });
  afterEach(killStragglers);
  beforeEach(async () => {
    // BROWSER=none: the CLI never launches a desktop browser; it prints the URL instead.
    env = { ...(await latchEnv(issuer)), BROWSER: 'none' };
    issuer.grants.reset();
  });

  it('logs in when headless Chromium signs in and the redirect lands on the loopback listener', async () => {
    const latch = startLatch(['login', '--browser', '--json'], env);
    const event = await authorizationUrl(latch);
    expect(event.browserOpened).toBe(false);
    expect(event.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const browser = await launchChromium();
    try {
      await signInAsDemo(await browser.newPage(), event.url);
    } finally {
      await browser.close();
    }
    const login = await latch.done;
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toMatchObject({
      loggedIn: true,
      flow: 'browser',
      user: issuer.demoUser.email,
      refreshToken: true,
      storage: 'file',
    });
    expect(issuer.grants.count('authorization_code')).toBe(1);

    const status = await runLatch(['status', '--json'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      loggedIn: true,
      user: issuer.demoUser.email,
    });
    const token = await runLatch(['token'], env);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(JWT);

    const stored = await fileSession(env, issuer.url);
    expect(stored?.refreshToken).toBeDefined();
    for (const run of [login, status]) expectNoTokens(run, stored);
  });

  it('opens the browser by default where one is likely (a display, BROWSER set)', async () => {
    // The "browser" is a script that records the URL; the test then plays the user.
    const dir = await mkdtemp(join(tmpdir(), 'latch-browser-'));
    const browserScript = join(dir, 'browser.sh');
    await writeFile(browserScript, `#!/bin/sh\necho "$1" > "${dir}/url"\n`, { mode: 0o700 });
    const desktop = { ...env, DISPLAY: ':0', BROWSER: browserScript };
    const latch = startLatch(['login', '--json'], desktop);
    const event = await authorizationUrl(latch);
    expect(event.browserOpened).toBe(true);
    const opened = await waitForFile(join(dir, 'url'));
    expect(opened.trim()).toBe(event.url);
    // The browser follows the redirect to the listener, which answers with its result page.
    const back = await fetch(await issuer.authorize(event.url));
    expect(back.status).toBe(200);
    expect(new URL(back.url).pathname).toMatch(/^\/done\//);
    await back.text();
    const login = await latch.done;
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Your browser is open at the sign-in page');
    expect(JSON.parse(login.stdout)).toMatchObject({ flow: 'browser', loggedIn: true });
  });

  it('logs in with the redirect URL pasted on stdin (--no-browser)', async () => {
    const latch = startLatch(['login', '--no-browser'], env);
    const url = (await latch.line(/^\s+http:\/\/127\.0\.0\.1:\d+\/auth\?/)).trim();
    // The demo user signs in elsewhere; the browser there would end on this address.
    latch.child.stdin.write(`${await issuer.authorize(url)}\n`);
    const login = await latch.done;
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain(`Logged in as ${issuer.demoUser.email}.`);
    expect(login.stderr).toContain('paste it here and press Enter');
    expect(login.stderr).not.toContain('\u001b'); // not a terminal: plain text
    expect(login.stdout).toBe('');
    const stored = await fileSession(env, issuer.url);
    expect(stored?.accessToken).toBeDefined();
    expectNoTokens(login, stored);
  });

  it('refuses a pasted URL of another login (wrong state): typed error, nothing stored', async () => {
    const latch = startLatch(['login', '--no-browser', '--json'], env);
    const { url } = await authorizationUrl(latch);
    const forged = new URL(await issuer.authorize(url));
    forged.searchParams.set('state', 'not-this-login');
    latch.child.stdin.write(`${forged.href}\n`);
    const login = await latch.done;
    expect(login.code).toBe(1);
    expect(jsonEvents(login.stderr)).toContainEqual(
      expect.objectContaining({ event: 'error', code: 'callback_rejected' }),
    );
    expect(login.stderr).not.toContain(forged.searchParams.get('code'));
    expect(login.stdout).toBe('');
    expect(issuer.grants.count('authorization_code')).toBe(0);
    expect(await fileSession(env, issuer.url)).toBeUndefined();
    expect((await runLatch(['status'], env)).code).toBe(3);
  });

  describe('falls back to the device code', () => {
    let noAuthorization: TestServer;
    let taken: Server;
    let takenPort = 0;
    beforeAll(async () => {
      // An issuer whose metadata has no authorization_endpoint; the rest is the real issuer's.
      noAuthorization = await startTestServer(async (request, res) => {
        if (!request.url.startsWith('/.well-known/')) return sendJson(res, 404, {});
        const real = await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json();
        const { authorization_endpoint: _none, ...rest } = real as Record<string, unknown>;
        sendJson(res, 200, { ...rest, issuer: noAuthorization.url });
      });
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      takenPort = (taken.address() as { port: number }).port;
    });
    afterAll(async () => {
      await noAuthorization.close();
      await new Promise((resolve) => taken.close(resolve));
    });

    it('when the issuer has no authorization endpoint (and says so)', async () => {
      const fallbackEnv = { ...(await latchEnv(noAuthorization)), BROWSER: 'none' };
      const login = await runLatch(['login', '--no-browser', '--json'], fallbackEnv, (line) => {
        const event = line.startsWith('{') ? JSON.parse(line) : {};
        if (event.event === 'device_code') void issuer.approveDevice(event.userCode);
      });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toContain('has no authorization endpoint');
      expect(jsonEvents(login.stderr)).toContainEqual(
        expect.objectContaining({ event: 'fallback', reason: 'no_authorization_endpoint' }),
      );
      expect(JSON.parse(login.stdout)).toMatchObject({
        flow: 'device',
        fallback: 'no_authorization_endpoint',
      });
      // --browser forbids the fallback.
      const forced = await runLatch(['login', '--browser'], fallbackEnv);
      expect(forced.code).toBe(1);
      expect(forced.stderr).toContain('latch login --device');
    });

    it('when the loopback port cannot be bound', async () => {
      const args = ['login', '--no-browser', '--port', String(takenPort), '--json'];
      const login = await runLatch(args, env, (line) => {
        const event = line.startsWith('{') ? JSON.parse(line) : {};
        if (event.event === 'device_code') void issuer.approveDevice(event.userCode);
      });
      expect(login.code, login.stderr).toBe(0);
      expect(JSON.parse(login.stdout)).toMatchObject({
        flow: 'device',
        fallback: 'port_unavailable',
      });
      const forced = await runLatch(['login', '--browser', '--port', String(takenPort)], env);
      expect(forced.code).toBe(1);
      expect(forced.stderr).toContain(`127.0.0.1:${takenPort}`);
    });
  });
});
