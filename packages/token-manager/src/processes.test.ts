import { readdirSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { lockFilePath } from '@latch/proclock';
import { demoSession } from '@latch/test-support';
import { EncryptedFileStore, storeKey } from '@latch/tokenstore';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReauthRequiredError } from './errors.js';
import { setTokenManagerSeamsForTest } from './test-seams.js';
import {
  assertDistFresh,
  type ChildConfig,
  type ManagerChild,
  startManagerChild,
} from './test-support/children.js';
import { isActive, REFRESH, tempDir, useIssuer } from './test-support/fixtures.js';
import { TokenManager } from './token-manager.js';

// Real processes, each with its own TokenManager from the built package, on one encrypted file
// store and one lock directory, against the embedded issuer (refresh tokens rotate; a reused one
// revokes the whole session).

const SERVICE = 'latch-token-manager-test';
const STALE_MS = 2_000;
const SKEW_MS = 10_000;
const HOUR = 3_600_000;

const getIssuer = useIssuer();
let dir: { path: string; remove: () => Promise<void> };
let children: ManagerChild[] = [];

beforeAll(() => assertDistFresh());
beforeEach(async () => {
  dir = await tempDir();
  getIssuer().grants.reset();
  getIssuer().setTtl({ accessToken: 3600 });
});
afterEach(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  children = [];
  await dir.remove();
});

function childConfig(extra: Partial<ChildConfig> = {}): ChildConfig {
  return {
    issuer: getIssuer().url,
    clientId: getIssuer().clientId,
    storeDir: `${dir.path}/store`,
    lockDir: `${dir.path}/locks`,
    skewMs: SKEW_MS,
    lockStaleMs: STALE_MS,
    ...extra,
  };
}

function start(config: ChildConfig): ManagerChild {
  const child = startManagerChild(config);
  children.push(child);
  return child;
}

function fileStore(): EncryptedFileStore {
  return new EncryptedFileStore({
    service: SERVICE,
    dir: `${dir.path}/store`,
    lockStaleMs: STALE_MS,
  });
}

describe('8 processes refreshing one session', () => {
  it('make exactly one grant per expiry over 50 expiries, with no invalid_grant', async () => {
    const issuer = getIssuer();
    const store = fileStore();
    const key = storeKey({ issuer: issuer.url });
    issuer.setTtl({ accessToken: 50 });
    await store.save(key, await demoSession(issuer));
    issuer.grants.reset();

    const processes = Array.from({ length: 8 }, () => start(childConfig()));
    await Promise.all(processes.map((child) => child.next('ready')));
    // Each round, the issuer mints tokens that live 30 s longer, and every clock jumps to 20 s
    // before this round's tokens near expiry: past the tokens of the round before, not those of
    // this one (as long as a round takes under 19 s). One forced expiry per round.
    const seen = new Set<string>();
    const started = performance.now();
    for (let round = 0; round < 50; round++) {
      const ttl = 100 + 30 * round;
      issuer.setTtl({ accessToken: ttl });
      const offsetMs = (ttl - 20) * 1000 - SKEW_MS;
      const answers = await Promise.all(
        processes.map((child) => child.ask({ type: 'round', round, offsetMs, calls: 3 }, 'round')),
      );
      const hashes = new Set(answers.flatMap((answer) => answer.hashes as string[]));
      expect(answers.map((answer) => answer.type)).toEqual(Array(8).fill('round'));
      expect(hashes.size, `round ${round}: one token for all`).toBe(1);
      const [hash] = hashes;
      expect(seen.has(hash as string), `round ${round}: a new token`).toBe(false);
      seen.add(hash as string);
      expect(issuer.grants.count(REFRESH)).toBe(round + 1);
    }
    console.log(`8 processes × 50 expiries in ${Math.round(performance.now() - started)} ms`);

    expect(issuer.grants.count(REFRESH)).toBe(50);
    expect(issuer.grants.failures(REFRESH)).toBe(0);
    // The stored refresh token is the issuer's current one: the session was never revoked.
    const stored = await store.load(key);
    expect(await isActive(issuer, stored?.refreshToken)).toBe(true);
  }, 60_000);
});

describe('a refreshing process killed with SIGKILL', () => {
  /** Starts a child that pauses at `pauseAt` inside its refresh, then kills it there. */
  async function killRefresherAt(pauseAt: NonNullable<ChildConfig['pauseAt']>): Promise<number> {
    const child = start(childConfig({ offsetMs: 2 * HOUR, pauseAt }));
    await child.next('ready');
    child.process.send({ type: 'token' });
    await child.next('paused');
    // proper-lockfile dates a new lock up to 1 s ahead; kill once it has refreshed it, as a
    // crash in the middle of real work would (see @latch/proclock's own test).
    const locks = [
      lockFilePath(
        `latch-token-manager:${storeKey({ issuer: getIssuer().url })}`,
        `${dir.path}/locks`,
      ),
      ...(pauseAt === 'mid-write' ? [lockFilePath('tokens.enc', `${dir.path}/store`)] : []),
    ];
    while (locks.some((path) => statSync(path).mtimeMs > Date.now())) await delay(50);
    child.process.kill('SIGKILL');
    const killedAt = performance.now();
    expect((await child.exited).signal).toBe('SIGKILL');
    return killedAt;
  }

  /** When the survivor took over the dead process's lock: what "recovers" measures. */
  let lockedAt = Number.POSITIVE_INFINITY;

  function survivor(): TokenManager {
    const manager = new TokenManager({
      issuer: getIssuer().url,
      clientId: getIssuer().clientId,
      store: fileStore(),
      lockDir: `${dir.path}/locks`,
      lockStaleMs: STALE_MS,
      skewMs: SKEW_MS,
    });
    lockedAt = Number.POSITIVE_INFINITY;
    setTokenManagerSeamsForTest(manager, {
      now: () => Date.now() + 2 * HOUR,
      onStep: (step) => {
        if (step === 'locked') lockedAt = Math.min(lockedAt, performance.now());
      },
    });
    return manager;
  }

  it('before the request: another process refreshes within the stale time + 1 s', async () => {
    const issuer = getIssuer();
    const session = await demoSession(issuer);
    await fileStore().save(storeKey({ issuer: issuer.url }), session);
    const killedAt = await killRefresherAt('before-request');

    const manager = survivor();
    const token = await manager.token({ resource: issuer.url });
    expect(lockedAt - killedAt).toBeLessThanOrEqual(STALE_MS + 1000);
    expect(token).not.toBe(session.accessToken);
    expect(issuer.grants.count(REFRESH)).toBe(1);
    expect(issuer.grants.failures(REFRESH)).toBe(0);
    expect(await isActive(issuer, (await manager.lookupCoreToken())?.refreshToken)).toBe(true);
  }, 20_000);

  it.each(['after-response', 'mid-write'] as const)(
    '%s (rotation lost): one ReauthRequiredError, and a newer login is kept',
    async (pauseAt) => {
      const issuer = getIssuer();
      const session = await demoSession(issuer);
      const key = storeKey({ issuer: issuer.url });
      await fileStore().save(key, session);
      const killedAt = await killRefresherAt(pauseAt);
      expect(issuer.grants.count(REFRESH)).toBe(1); // the dead process's rotation

      const manager = survivor();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => manager.token({ resource: issuer.url })),
      );
      expect(lockedAt - killedAt).toBeLessThanOrEqual(STALE_MS + 1000);
      const reasons = new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason : 'ok')));
      expect(reasons.size).toBe(1);
      expect(ReauthRequiredError.isInstance([...reasons][0])).toBe(true);
      expect(issuer.grants.failures(REFRESH)).toBe(1);
      // The store is intact (never torn), and still holds the session the user can see.
      expect(await manager.lookupCoreToken()).toEqual(session);

      // Another process logs in again; its session is neither deleted nor overwritten.
      const login = await demoSession(issuer);
      const other = start(childConfig());
      await other.next('ready');
      const fresh = new TokenManager({
        issuer: issuer.url,
        clientId: issuer.clientId,
        store: fileStore(),
        lockDir: `${dir.path}/locks`,
        lockStaleMs: STALE_MS,
      });
      await fresh.saveCoreToken(login);
      // The torn temporary file of a killed writer is gone after the next write.
      expect(readdirSync(`${dir.path}/store`).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(await other.ask({ type: 'token' }, 'token')).toMatchObject({ type: 'token' });
      await expect(manager.refresh()).resolves.toMatchObject({ accessToken: expect.any(String) });
      const stored = await fileStore().load(key);
      expect(stored?.refreshToken).not.toBe(session.refreshToken);
      expect(await isActive(issuer, stored?.refreshToken)).toBe(true);
    },
    20_000,
  );
});
