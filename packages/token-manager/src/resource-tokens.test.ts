import { TOKEN_TYPE_ACCESS_TOKEN } from '@latch/sts-exchange';
import { sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { EXCHANGE, REFRESH, TestClock, useIssuer, useManagerKit } from './test-support/fixtures.js';

const _HOUR = 3_600_000;
const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const serve = useTestServer();

describe('token(): the exchange cache', () => {
  it('serves a second request from memory', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const first = await manager.token({ resource: kit.issuer.resources.data });
    kit.store.reset();
    expect(await manager.token({ resource: kit.issuer.resources.data })).toBe(first);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(1);
    expect(kit.store.loads).toBe(0);
  });

  it('makes one exchange for concurrent callers', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => manager.token({ resource: kit.issuer.resources.data })),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(1);
  });

  it('keys on audience, requested token type and the sorted scope', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    const data = kit.issuer.resources.data;
    await manager.token({ resource: data });
    await manager.token({ resource: data, scope: 'data:read' });
    await manager.token({ resource: data, scope: ['data:read'] });
    await manager.token({ resource: data, audience: data });
    await manager.token({ resource: data, requestedTokenType: TOKEN_TYPE_ACCESS_TOKEN });
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(3);
  });

  it('treats scopes in any order as one entry', async () => {
    const kit = useKit();
    const server = await serve((_request, res) =>
      sendJson(res, 200, {
        access_token: `exchanged-${Math.random()}`,
        token_type: 'Bearer',
        expires_in: 600,
        issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      }),
    );
    const manager = kit.manager({
      endpoints: { refresh: `${kit.issuer.url}/token`, exchange: server.url },
    });
    await manager.saveCoreToken(await kit.login());
    const a = await manager.token({ resource: 'https://data.example/', scope: 'b a' });
    const b = await manager.token({ resource: 'https://data.example/', scope: ['a', 'b a'] });
    expect(b).toBe(a);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.form.get('scope')).toBe('a b');
  });

  it('expires an entry at its expiry minus the skew', async () => {
    const kit = useKit();
    kit.issuer.setTtl({ exchangedToken: 120 });
    const clock = new TestClock();
    const manager = kit.manager({ skewMs: 30_000 }, { now: clock.now });
    await manager.saveCoreToken(await kit.login());
    const first = await manager.token({ resource: kit.issuer.resources.data });
    clock.advance(80_000); // 40 s left: still served
    expect(await manager.token({ resource: kit.issuer.resources.data })).toBe(first);
    clock.advance(11_000); // 29 s left: inside the skew
    const second = await manager.token({ resource: kit.issuer.resources.data });
    expect(second).not.toBe(first);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(2);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('caches nothing that has no expiry', async () => {
    const kit = useKit();
    const server = await serve((_request, res) =>
      sendJson(res, 200, {
        access_token: `opaque-${server.requests.length}`,
        token_type: 'Bearer',
        issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
      }),
    );
    const manager = kit.manager({
      endpoints: { refresh: `${kit.issuer.url}/token`, exchange: server.url },
    });
    await manager.saveCoreToken(await kit.login());
    expect(await manager.token({ resource: 'https://data.example/' })).toBe('opaque-1');
    expect(await manager.token({ resource: 'https://data.example/' })).toBe('opaque-2');
  });

  it("is cleared by a new login, so no one gets the previous user's tokens", async () => {
    const kit = useKit();
    const manager = kit.manager();
    const first = await kit.login();
    const second = await kit.login();
    await manager.saveCoreToken(first);
    const firstData = await manager.token({ resource: kit.issuer.resources.data });
    await manager.saveCoreToken(second);
    const secondData = await manager.token({ resource: kit.issuer.resources.data });
    expect(secondData).not.toBe(firstData);
    // Back to the first login: its earlier exchange is gone, not served from the cache.
    await manager.saveCoreToken(first);
    expect(await manager.token({ resource: kit.issuer.resources.data })).not.toBe(firstData);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(3);
  });
});
