import { useTestServer } from '@latch/test-support';
import { storeKey } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import { ReauthRequiredError } from './errors.js';
import {
  isActive,
  issuerForm,
  REFRESH,
  TestClock,
  useIssuer,
  useManagerKit,
} from './test-support/fixtures.js';

// The refresh path of TokenManager: single flight in a process, the lock across managers (a
// second manager on the same lock directory stands in for a second process here; the real
// processes are in processes.test.ts), and the rotation race.

const HOUR = 3_600_000;
const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const _serve = useTestServer();

/** A clock two hours ahead: every token the issuer minted an hour-long life ago is expired. */
const expiredClock = (): TestClock => new TestClock(Date.now() + 2 * HOUR);

describe('invalid_grant: the rotation race', () => {
  it('uses the refresh token another writer stored meanwhile instead of ending the session', async () => {
    const kit = useKit();
    const first = await kit.login();
    const second = await kit.login();
    const manager = kit.manager(
      {},
      {
        now: new TestClock(Date.now() + 10 * 60_000).now,
        onStep: async (step) => {
          if (step !== 'before-request') return;
          // Another process (without the lock) logs in again, and the old token dies.
          await kit.store.inner.save(storeKey({ issuer: kit.issuer.url }), second);
          await issuerForm(kit.issuer, '/token/revocation', {
            token: first.refreshToken as string,
          });
        },
      },
    );
    await manager.saveCoreToken({ ...first, accessToken: 'opaque', expiresAt: 0 });
    expect(await manager.token({ resource: kit.issuer.url })).toBe(second.accessToken);
    expect(kit.issuer.grants.failures(REFRESH)).toBe(1);
    // The newer session is neither deleted nor overwritten.
    expect(await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }))).toEqual(second);
  });

  it('redeems the new refresh token when the one another writer stored is expired too', async () => {
    const kit = useKit();
    const first = await kit.login();
    const second = await kit.login();
    const manager = kit.manager(
      {},
      {
        now: expiredClock().now,
        onStep: async (step) => {
          if (step !== 'before-request') return;
          await kit.store.inner.save(storeKey({ issuer: kit.issuer.url }), second);
          await issuerForm(kit.issuer, '/token/revocation', {
            token: first.refreshToken as string,
          });
        },
      },
    );
    await manager.saveCoreToken(first);
    const token = await manager.token({ resource: kit.issuer.url });
    expect([first.accessToken, second.accessToken]).not.toContain(token);
    expect(kit.issuer.grants.failures(REFRESH)).toBe(1);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    const stored = await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }));
    expect(stored?.accessToken).toBe(token);
    expect(await isActive(kit.issuer, stored?.refreshToken)).toBe(true);
  });

  it('ends the session with one ReauthRequiredError when nobody rotated the token', async () => {
    const kit = useKit();
    const session = await kit.login();
    // Spend the refresh token elsewhere: the manager's copy is now a reused one.
    await issuerForm(kit.issuer, '/token', {
      grant_type: 'refresh_token',
      refresh_token: session.refreshToken as string,
    });
    kit.issuer.grants.reset();
    const manager = kit.manager({}, { now: expiredClock().now });
    await manager.saveCoreToken(session);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, () => manager.token({ resource: kit.issuer.url })),
    );
    const reasons = new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason : 'ok')));
    expect(reasons.size).toBe(1);
    expect(ReauthRequiredError.isInstance([...reasons][0])).toBe(true);
    // A later call does not send the dead token again.
    await expect(manager.token({ resource: kit.issuer.url })).rejects.toBeInstanceOf(
      ReauthRequiredError,
    );
    expect(kit.issuer.grants.failures(REFRESH)).toBe(1);

    // A new login works at once.
    const again = await kit.login();
    await manager.saveCoreToken(again);
    expect(await manager.refresh()).toMatchObject({ refreshToken: expect.any(String) });
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });
});

describe('clock jumps', () => {
  it('refreshes at most once after the clock jumps an hour ahead', async () => {
    const kit = useKit();
    const clock = new TestClock();
    const manager = kit.manager({}, { now: clock.now });
    await manager.saveCoreToken(await kit.login());
    expect(await manager.token({ resource: kit.issuer.url })).toBeTypeOf('string');
    clock.advance(HOUR + 60_000);
    for (let i = 0; i < 5; i++) await manager.token({ resource: kit.issuer.url });
    await Promise.all(
      Array.from({ length: 20 }, () => manager.token({ resource: kit.issuer.url })),
    );
    await manager.refresh();
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    // Exchanges made on the jumped clock are cached too.
    await manager.token({ resource: kit.issuer.resources.data });
    await manager.token({ resource: kit.issuer.resources.data });
    expect(kit.issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange')).toBe(1);
  });

  it('does not refresh when the clock jumps an hour back', async () => {
    const kit = useKit();
    const clock = new TestClock();
    const manager = kit.manager({}, { now: clock.now });
    const session = await kit.login();
    await manager.saveCoreToken(session);
    clock.advance(-HOUR);
    for (let i = 0; i < 5; i++) {
      expect(await manager.token({ resource: kit.issuer.url })).toBe(session.accessToken);
    }
    await manager.refresh();
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('unlearns the offset once the clock is set right again', async () => {
    const kit = useKit();
    const clock = new TestClock(Date.now() + HOUR + 60_000);
    const manager = kit.manager({}, { now: clock.now });
    await manager.saveCoreToken(await kit.login());
    await manager.token({ resource: kit.issuer.url });
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);

    // The clock is corrected; the next refresh (here forced by a 401) learns it agrees again.
    clock.current = Date.now();
    let calls = 0;
    await manager.withAutoRefresh(() => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('Unauthorized'), { status: 401 });
      return 'ok';
    });
    expect(kit.issuer.grants.count(REFRESH)).toBe(2);

    // So a real expiry is seen on time (with the old offset the token would still look fresh).
    clock.current = Date.now() + 2 * HOUR;
    await manager.token({ resource: kit.issuer.url });
    expect(kit.issuer.grants.count(REFRESH)).toBe(3);
  });
});
