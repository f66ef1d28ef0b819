import { inspect } from 'node:util';
import { expectNoSecrets, rejectionOf, SECRET, sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { useIssuer, useManagerKit } from './test-support/fixtures.js';

// Sentinel tokens go into the store; no error, and no rendering of the manager, may show them.

const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const serve = useTestServer();
const SECRETS = Object.values(SECRET);
const sentinelSession = {
  accessToken: SECRET.accessToken,
  tokenType: 'Bearer' as const,
  refreshToken: SECRET.refreshToken,
  idToken: SECRET.idToken,
  expiresAt: 0,
};

describe('no secrets in errors or renderings', () => {
  it.each([
    [
      'invalid_grant',
      (res: Parameters<Parameters<typeof serve>[0]>[1]) =>
        sendJson(res, 400, { error: 'invalid_grant' }),
    ],
    [
      'an HTML 500',
      (res: Parameters<Parameters<typeof serve>[0]>[1]) =>
        sendJson(res, 500, '<h1>oops</h1>', { 'content-type': 'text/html' }),
    ],
    [
      'a malformed success',
      (res: Parameters<Parameters<typeof serve>[0]>[1]) => sendJson(res, 200, { access_token: 42 }),
    ],
  ])('when the refresh endpoint answers %s', async (_name, answer) => {
    const kit = useKit();
    const server = await serve((_request, res) => answer(res));
    const manager = kit.manager({ endpoints: { refresh: server.url, exchange: server.url } });
    await manager.saveCoreToken(sentinelSession);
    const error = await rejectionOf(() => manager.token({ resource: kit.issuer.resources.data }));
    expect(server.requests[0]?.form.get('refresh_token')).toBe(SECRET.refreshToken);
    expectNoSecrets(error, SECRETS);
  });

  it('for the errors of the manager itself', async () => {
    const kit = useKit();
    const manager = kit.manager({ endpoints: {} });
    const failures = [await rejectionOf(() => manager.token({ resource: kit.issuer.url }))];
    await manager.saveCoreToken({ ...sentinelSession, expiresAt: Date.now() + 3_600_000 });
    failures.push(await rejectionOf(() => manager.token({ resource: kit.issuer.resources.data })));
    failures.push(
      await rejectionOf(() =>
        manager.withAutoRefresh(() => {
          throw Object.assign(new Error('Unauthorized'), { status: 401 });
        }),
      ),
    );
    const noRefresh = kit.manager();
    await manager.saveCoreToken({
      accessToken: SECRET.accessToken,
      tokenType: 'Bearer',
      expiresAt: 0,
    });
    failures.push(await rejectionOf(() => noRefresh.token({ resource: kit.issuer.url })));
    failures.push(
      await rejectionOf(() =>
        manager.saveCoreToken({ ...sentinelSession, tokenType: 'MAC' as never }),
      ),
    );
    expect(
      failures.map((error) => (error as { code?: string }).code ?? (error as Error).name),
    ).toEqual([
      'not_logged_in',
      'no_exchange_endpoint',
      'no_refresh_endpoint',
      'not_logged_in',
      'TypeError',
    ]);
    for (const error of failures) expectNoSecrets(error, SECRETS);
  });

  it('when the refresh token is refused by the embedded issuer', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager();
    await manager.saveCoreToken({
      ...session,
      refreshToken: `${session.refreshToken}x`,
      expiresAt: 0,
      accessToken: 'opaque',
    });
    const error = await rejectionOf(() => manager.token({ resource: kit.issuer.url }));
    expect(error).toMatchObject({ code: 'reauth_required' });
    expectNoSecrets(error, [session.refreshToken as string, session.accessToken]);
  });

  it('in util.inspect and JSON.stringify of a manager holding tokens', async () => {
    const kit = useKit();
    const manager = kit.manager({ endpoints: {} });
    await manager.saveCoreToken({ ...sentinelSession, expiresAt: Date.now() + 3_600_000 });
    expect(await manager.token({ resource: kit.issuer.url })).toBe(SECRET.accessToken);
    for (const text of [
      inspect(manager, { depth: 10, showHidden: true }),
      JSON.stringify(manager),
    ]) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
