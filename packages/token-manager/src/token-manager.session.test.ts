import { existsSync } from 'node:fs';
import { sendJson, useTestServer } from '@latch/test-support';
import { storeKey } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import { NotLoggedInError } from './errors.js';
import {
  claimsOf,
  EXCHANGE,
  REFRESH,
  TestClock,
  useIssuer,
  useManagerKit,
} from './test-support/fixtures.js';

const HOUR = 3_600_000;
const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const serve = useTestServer();

describe('saveCoreToken, deleteCoreToken, lookupCoreToken, refresh', () => {
  it('saveCoreToken rejects an empty access token before touching the store or the lock', async () => {
    const kit = useKit();
    const manager = kit.manager();
    for (const tokens of [{ accessToken: '', tokenType: 'Bearer' }, {}, null, 'token']) {
      await expect(manager.saveCoreToken(tokens as never)).rejects.toBeInstanceOf(TypeError);
    }
    expect(kit.store.saves + kit.store.loads + kit.store.deletes).toBe(0);
    expect(existsSync(kit.lockDir)).toBe(false);
  });

  it('deleteCoreToken deletes the store entry first, and keeps the cache when that fails', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const data = await manager.token({ resource: kit.issuer.resources.data });
    kit.store.failNextDelete = new Error('disk full');
    await expect(manager.deleteCoreToken()).rejects.toThrow('disk full');
    expect(await manager.token({ resource: kit.issuer.resources.data })).toBe(data);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(1);

    await manager.deleteCoreToken();
    expect(await manager.lookupCoreToken()).toBeUndefined();
    await expect(manager.token({ resource: kit.issuer.resources.data })).rejects.toBeInstanceOf(
      NotLoggedInError,
    );
  });

  it('lookupCoreToken returns what is stored, expired or not, without a grant', async () => {
    const kit = useKit();
    const manager = kit.manager({}, { now: new TestClock(Date.now() + 2 * HOUR).now });
    expect(await manager.lookupCoreToken()).toBeUndefined();
    const session = await kit.login();
    await manager.saveCoreToken(session);
    expect(await manager.lookupCoreToken()).toEqual(session);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('refresh() is one store read and no grant while the token is fresh', async () => {
    const kit = useKit();
    const manager = kit.manager();
    const session = await kit.login();
    await manager.saveCoreToken(session);
    kit.store.reset();
    expect((await manager.refresh()).accessToken).toBe(session.accessToken);
    expect(kit.store.loads).toBe(1);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('refresh() refreshes a token near expiry', async () => {
    const kit = useKit();
    const manager = kit.manager({}, { now: new TestClock(Date.now() + 2 * HOUR).now });
    const session = await kit.login();
    await manager.saveCoreToken(session);
    const refreshed = await manager.refresh();
    expect(refreshed.accessToken).not.toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });
});

describe('one session per normalised issuer and profile', () => {
  it('shares the session between cosmetically different issuer spellings', async () => {
    const kit = useKit();
    const session = await kit.login();
    const upper = `${kit.issuer.url.replace('http://', 'HTTP://')}/`;
    await kit.manager({ issuer: upper }).saveCoreToken(session);
    const plain = kit.manager();
    expect(plain.issuer).toBe(kit.issuer.url);
    expect(await plain.lookupCoreToken()).toEqual(session);
    expect(await kit.store.inner.load(storeKey({ issuer: kit.issuer.url }))).toEqual(session);
  });

  it('keeps profiles apart', async () => {
    const kit = useKit();
    await kit.manager({ profile: 'work' }).saveCoreToken(await kit.login());
    expect(kit.manager().profile).toBe('default');
    expect(await kit.manager().lookupCoreToken()).toBeUndefined();
    await expect(kit.manager().token({ resource: kit.issuer.url })).rejects.toMatchObject({
      code: 'not_logged_in',
      profile: 'default',
    });
  });

  it('uses configured endpoints without discovery', async () => {
    const kit = useKit();
    const server = await serve((_request, res) => sendJson(res, 404, { error: 'not_found' }));
    const manager = kit.manager(
      {
        issuer: server.url,
        endpoints: { refresh: `${kit.issuer.url}/token`, exchange: `${kit.issuer.url}/token` },
      },
      { now: new TestClock(Date.now() + 2 * HOUR).now },
    );
    await manager.saveCoreToken(await kit.login());
    const data = await manager.token({ resource: kit.issuer.resources.data });
    expect(claimsOf(data).aud).toBe(kit.issuer.resources.data);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});
