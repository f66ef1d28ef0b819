import { sendJson, useTestServer } from '@latch/test-support';
import { storeKey } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import { NotLoggedInError } from './errors.js';
import type { SessionStep } from './test-seams.js';
import { isActive, REFRESH, TestClock, useIssuer, useManagerKit } from './test-support/fixtures.js';

// The refresh path of TokenManager: single flight in a process, the lock across managers (a
// second manager on the same lock directory stands in for a second process here; the real
// processes are in processes.test.ts), and the rotation race.

const HOUR = 3_600_000;
const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const serve = useTestServer();

/** A clock two hours ahead: every token the issuer minted an hour-long life ago is expired. */
const expiredClock = (): TestClock => new TestClock(Date.now() + 2 * HOUR);

describe('single flight inside a process', () => {
  it('makes exactly one refresh grant for 1000 concurrent token() calls at expiry', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager({}, { now: expiredClock().now });
    await manager.saveCoreToken(session);
    kit.store.reset();

    const tokens = await Promise.all(
      Array.from({ length: 1000 }, () => manager.token({ resource: kit.issuer.url })),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    expect(kit.issuer.grants.failures(REFRESH)).toBe(0);
    expect(kit.store.saves).toBe(1);
    // One re-read under the lock and one compare-and-persist read, shared by all the callers.
    expect(kit.store.loads).toBe(2);
    const stored = await manager.lookupCoreToken();
    expect(stored?.accessToken).toBe(tokens[0]);
    expect(await isActive(kit.issuer, stored?.refreshToken)).toBe(true);
  });

  it('gives every caller the same typed error when the refresh fails, and tries again on the next call', async () => {
    const kit = useKit();
    let refuse = true;
    const proxy = await serve(async (request, res) => {
      if (refuse) {
        refuse = false;
        sendJson(res, 503, '<html>maintenance</html>', { 'content-type': 'text/html' });
        return;
      }
      const answer = await fetch(`${kit.issuer.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: request.body,
      });
      sendJson(res, answer.status, await answer.text());
    });
    const manager = kit.manager({ endpoints: { refresh: proxy.url } }, { now: expiredClock().now });
    await manager.saveCoreToken(await kit.login());

    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, () => manager.token({ resource: kit.issuer.url })),
    );
    const errors = new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason : 'ok')));
    expect(errors.size).toBe(1);
    const [error] = errors;
    expect(error).toMatchObject({ code: 'http_status', status: 503 });
    expect(proxy.requests).toHaveLength(1);

    expect(await manager.token({ resource: kit.issuer.url })).toBeTypeOf('string');
    expect(proxy.requests).toHaveLength(2);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it("lets a caller's signal stop its own wait, not the refresh the others share", async () => {
    const kit = useKit();
    let resume: () => void = () => {};
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const manager = kit.manager(
      {},
      {
        now: expiredClock().now,
        onStep: (step) => (step === 'before-request' ? paused : undefined),
      },
    );
    await manager.saveCoreToken(await kit.login());
    const controller = new AbortController();
    const patient = manager.token({ resource: kit.issuer.url });
    const impatient = manager.token({ resource: kit.issuer.url }, { signal: controller.signal });
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(impatient).rejects.toMatchObject({ code: 'aborted' });
    resume();
    expect(await patient).toBeTypeOf('string');
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });
});

describe('across managers (the lock and the store re-read)', () => {
  it('uses the token another manager refreshed while it waited for the lock', async () => {
    const kit = useKit();
    // A real expiry (a clock jump would make each manager learn the jump on its own refresh).
    const first = kit.manager();
    const second = kit.manager();
    await first.saveCoreToken({ ...(await kit.login()), accessToken: 'opaque', expiresAt: 0 });
    const [a, b] = await Promise.all([
      first.token({ resource: kit.issuer.url }),
      second.token({ resource: kit.issuer.url }),
    ]);
    expect(a).toBe(b);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    expect(kit.issuer.grants.failures(REFRESH)).toBe(0);
  });

  it('does not let a refresh in flight bring back a session deleted meanwhile', async () => {
    const kit = useKit();
    const events: string[] = [];
    const other = kit.manager();
    let deletion: Promise<void> | undefined;
    const manager = kit.manager(
      {},
      {
        now: expiredClock().now,
        onStep: async (step: SessionStep) => {
          events.push(step);
          if (step === 'before-request') {
            deletion = other.deleteCoreToken().then(() => {
              events.push('deleted');
            });
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
      },
    );
    await manager.saveCoreToken(await kit.login());
    events.length = 0;
    await manager.token({ resource: kit.issuer.url });
    await deletion;
    // The delete waited for the lock: it ran after the refresh had stored its tokens.
    expect(events).toEqual(['locked', 'before-request', 'after-response', 'saved', 'deleted']);
    expect(await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }))).toBeUndefined();
    await expect(other.token({ resource: kit.issuer.url })).rejects.toBeInstanceOf(
      NotLoggedInError,
    );
  });

  it("does not let a refresh in flight overwrite another manager's new login", async () => {
    const kit = useKit();
    const newLogin = await kit.login();
    const other = kit.manager();
    const events: string[] = [];
    let saving: Promise<void> | undefined;
    const manager = kit.manager(
      {},
      {
        now: expiredClock().now,
        onStep: async (step) => {
          events.push(step);
          if (step !== 'before-request') return;
          saving = other.saveCoreToken(newLogin).then(() => {
            events.push('login saved');
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
        },
      },
    );
    await manager.saveCoreToken(await kit.login());
    events.length = 0;
    await manager.token({ resource: kit.issuer.url });
    await saving;
    expect(events).toEqual(['locked', 'before-request', 'after-response', 'saved', 'login saved']);
    expect(await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }))).toEqual(newLogin);
  });

  it('stores refreshed tokens only over the refresh token it redeemed (compare and persist)', async () => {
    const kit = useKit();
    const intruder = await kit.login();
    const manager = kit.manager(
      {},
      {
        now: expiredClock().now,
        // A writer that does not take the lock replaces the session mid-refresh.
        onStep: (step) =>
          step === 'after-response'
            ? kit.store.inner.save(storeKey({ issuer: kit.issuer.url }), intruder)
            : undefined,
      },
    );
    await manager.saveCoreToken(await kit.login());
    expect(await manager.token({ resource: kit.issuer.url })).toBe(intruder.accessToken);
    expect(await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }))).toEqual(intruder);
  });
});
