import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latchEnv, loginAsDemoUser, runLatch } from './test-support/run-latch.js';
import { type SecretService, startSecretService } from './test-support/secret-service.js';
import { expectNoTokens, fileSession } from './test-support/session.js';

// Logout of the built CLI as a real process: it deletes the session from every store.
const secretService: SecretService = await startSecretService();
// Without a Secret Service the keychain test is skipped, loudly — except under CI=true,
// where it runs and fails (as tokenstore's suites do).
const runKeyringTests = secretService.available || process.env.CI === 'true';
if (!runKeyringTests) {
  console.warn(`\n!! latch logout keychain test SKIPPED: ${secretService.why}\n`);
}

describe('latch logout (the built CLI)', () => {
  let issuer: Issuer;
  let env: Record<string, string>;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {} });
  });
  afterAll(async () => {
    await issuer.close();
    await secretService.stop();
  });
  beforeEach(async () => {
    env = await latchEnv(issuer);
    issuer.grants.reset();
  });

  it('deletes the session from the file store, says which store held it, and revokes', async () => {
    expect((await loginAsDemoUser(issuer, env)).code).toBe(0);
    const stored = await fileSession(env, issuer.url);
    const logout = await runLatch(['logout', '--json'], env);
    expect(logout.code, logout.stderr).toBe(0);
    expect(JSON.parse(logout.stdout)).toMatchObject({
      loggedOut: true,
      wasLoggedIn: true,
      revoked: true,
      deletedFrom: ['file'],
    });
    expect(logout.stderr).toContain('deleted the session from the file store');
    expectNoTokens(logout, stored);
    expect(await fileSession(env, issuer.url)).toBeUndefined();

    const again = await runLatch(['logout', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ wasLoggedIn: false, deletedFrom: [] });
  });

  it.runIf(runKeyringTests)(
    'deletes the session from the keychain and the file, whichever is in use',
    async () => {
      expect(secretService.available, secretService.why).toBe(true);
      const bus = { DBUS_SESSION_BUS_ADDRESS: secretService.bus ?? '' };
      const keyringEnv = { ...env, ...bus, LATCH_TOKEN_STORE: 'keyring' };
      // One session in the keychain, then another in the file: logout (using the file) finds both.
      const first = await loginAsDemoUser(issuer, keyringEnv);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ storage: 'keyring' });
      expect((await loginAsDemoUser(issuer, { ...env, ...bus })).code).toBe(0);
      expect((await runLatch(['status'], keyringEnv)).code).toBe(0);

      const logout = await runLatch(['logout', '--json'], { ...env, ...bus });
      expect(logout.code, logout.stderr).toBe(0);
      expect(JSON.parse(logout.stdout)).toMatchObject({
        wasLoggedIn: true,
        revoked: true,
        deletedFrom: ['keyring', 'file'],
        searched: ['keyring', 'file'],
      });
      expect(logout.stderr).toContain('deleted the session from the keyring and file stores');
      expect((await runLatch(['status'], keyringEnv)).code).toBe(3);
      expect((await runLatch(['status'], { ...env, ...bus })).code).toBe(3);
      expect(await fileSession(env, issuer.url)).toBeUndefined();
    },
  );
});
