import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latchEnv, loginAsDemoUser, runLatch } from './test-support/run-latch.js';

// The built CLI (dist/bin/latch.cjs) as a real process, against the embedded issuer.
describe('latch (the built CLI)', () => {
  let issuer: Issuer;
  let env: Record<string, string>;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });
  beforeEach(async () => {
    env = await latchEnv(issuer);
    issuer.grants.reset();
  });

  it('logs in with the device flow, reports status, prints a token, logs out', async () => {
    const login = await loginAsDemoUser(issuer, env);
    expect(login.code).toBe(0);
    expect(login.userCode).toMatch(/\S/);
    const summary = JSON.parse(login.stdout);
    expect(summary).toMatchObject({
      loggedIn: true,
      issuer: issuer.url,
      profile: 'default',
      user: issuer.demoUser.email,
      subject: issuer.demoUser.sub,
      refreshToken: true,
      storage: 'file',
      // No display here: the default chain picks the device code.
      flow: 'device',
    });
    expect(login.stderr).toContain('Tokens stored in the file store.');
    expect(login.stderr).toContain('There is no graphical display');

    const status = await runLatch(['status', '--json'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      loggedIn: true,
      user: issuer.demoUser.email,
    });

    const token = await runLatch(['token'], env);
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(token.stderr).toBe('');

    const json = await runLatch(['token', '--json', '--resource', issuer.resources.data], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      tokenType: 'Bearer',
      resource: issuer.resources.data,
    });
    expect(issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange')).toBe(1);

    const verbose = await runLatch(['status', '--verbose'], env);
    for (const secret of [token.stdout.trim(), JSON.parse(json.stdout).accessToken]) {
      expect(verbose.stdout + verbose.stderr + login.stdout + login.stderr).not.toContain(secret);
    }

    const logout = await runLatch(['logout', '--json'], env);
    expect(logout.code).toBe(0);
    expect(JSON.parse(logout.stdout)).toMatchObject({
      loggedOut: true,
      wasLoggedIn: true,
      revoked: true,
    });

    const after = await runLatch(['status', '--json'], env);
    expect(after.code).toBe(3);
    expect(JSON.parse(after.stdout)).toMatchObject({ loggedIn: false });
    const noToken = await runLatch(['token'], env);
    expect(noToken.code).toBe(3);
    expect(noToken.stdout).toBe('');
    expect(noToken.stderr).toContain('latch login');
  });

  it('gives five `latch token` processes at expiry exactly one refresh', async () => {
    issuer.setTtl({ accessToken: 1 });
    try {
      expect((await loginAsDemoUser(issuer, env)).code).toBe(0);
    } finally {
      issuer.setTtl({ accessToken: 3600 });
    }
    // The 1-second access token is past its refresh point after a little over a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    issuer.grants.reset();
    const runs = await Promise.all(Array.from({ length: 5 }, () => runLatch(['token'], env)));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    }
    expect(new Set(runs.map((run) => run.stdout)).size).toBe(1);
    expect(issuer.grants.count('refresh_token')).toBe(1);
  });

  it('exits 2 on a usage error and 3 when not logged in', async () => {
    const unknown = await runLatch(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('latch --help');
    const badFlag = await runLatch(['token', '--device'], env);
    expect(badFlag.code).toBe(2);
    const json = await runLatch(['status', '--json', '--port', 'x'], env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr.trim())).toMatchObject({ event: 'error', code: 'usage' });
    const help = await runLatch(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('latch <command>');
    const status = await runLatch(['status'], env);
    expect(status.code).toBe(3);
    const noIssuer = await runLatch(['status'], { ...env, LATCH_ISSUER: '' });
    expect(noIssuer.code).toBe(2);
    expect(noIssuer.stderr).toContain('--issuer');
  });

  it('lists profiles, the default first logged in', async () => {
    expect((await loginAsDemoUser(issuer, env, ['--profile', 'work'])).code).toBe(0);
    const list = await runLatch(['profiles', '--json'], { ...env, LATCH_PROFILE: '' });
    expect(JSON.parse(list.stdout)).toMatchObject({
      default: 'work',
      profiles: [{ name: 'work', issuer: issuer.url, clientId: 'latch-cli' }],
    });
  });

  it('uses the encrypted file, and says so, when there is no Secret Service', async () => {
    const { LATCH_TOKEN_STORE: _file, ...auto } = env;
    const noKeyring = { ...auto, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/latch-bus' };
    const login = await loginAsDemoUser(issuer, noKeyring);
    expect(login.code).toBe(0);
    expect(login.stderr).toContain('No usable OS keychain');
    expect(JSON.parse(login.stdout)).toMatchObject({ storage: 'file' });
  });
});
