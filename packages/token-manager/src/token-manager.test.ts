import { rejectionOf, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import {
  NoExchangeEndpointError,
  NoRefreshEndpointError,
  NotLoggedInError,
  ReauthRequiredError,
} from './errors.js';
import {
  claimsOf,
  EXCHANGE,
  issuerForm,
  REFRESH,
  TestClock,
  useIssuer,
  useManagerKit,
} from './test-support/fixtures.js';

const HOUR = 3_600_000;
const getIssuer = useIssuer();
const useKit = useManagerKit(getIssuer);
const _serve = useTestServer();

describe('token(): resolution order', () => {
  it('1. fails with NotLoggedInError when no core token is stored', async () => {
    const manager = useKit().manager();
    const error = await rejectionOf(() => manager.token({ resource: getIssuer().url }));
    expect(NotLoggedInError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'not_logged_in', reason: 'no_session' });
    await expect(manager.tokenForResource(getIssuer().resources.data)).rejects.toMatchObject({
      code: 'not_logged_in',
    });
    await expect(manager.refresh()).rejects.toMatchObject({ code: 'not_logged_in' });
  });

  it('2. refreshes an expired core token first, persists the rotation, and hands out the new one', async () => {
    const kit = useKit();
    const session = await kit.login();
    const clock = new TestClock(Date.now() + 2 * HOUR);
    const manager = kit.manager({}, { now: clock.now });
    await manager.saveCoreToken(session);

    const token = await manager.token({ resource: kit.issuer.url });
    expect(token).not.toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
    const stored = await manager.lookupCoreToken();
    expect(stored?.accessToken).toBe(token);
    expect(stored?.refreshToken).not.toBe(session.refreshToken);
    // Fresh now: no second refresh.
    expect(await manager.token({ resource: kit.issuer.url })).toBe(token);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('2. counts a token as expired skewMs before its JWT exp, and not before', async () => {
    const kit = useKit();
    const session = await kit.login();
    const exp = claimsOf(session.accessToken).exp as number;
    const clock = new TestClock(exp * 1000 - 60_000 - 1_000);
    const manager = kit.manager({ skewMs: 60_000 }, { now: clock.now });
    await manager.saveCoreToken(session);
    expect(await manager.token({ resource: kit.issuer.url })).toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);

    clock.advance(2_000); // now within the skew
    expect(await manager.token({ resource: kit.issuer.url })).not.toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('2. judges a JWT by its exp, not by a stored expiresAt that says otherwise', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager();
    await manager.saveCoreToken({ ...session, expiresAt: Date.now() - HOUR });
    expect(await manager.token({ resource: kit.issuer.url })).toBe(session.accessToken);
    expect(kit.issuer.grants.count(REFRESH)).toBe(0);
  });

  it('2. judges an opaque token by its stored expiresAt', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager();
    await manager.saveCoreToken({ ...session, accessToken: 'opaque', expiresAt: Date.now() - 1 });
    const token = await manager.token({ resource: kit.issuer.url });
    expect(token).not.toBe('opaque');
    expect(kit.issuer.grants.count(REFRESH)).toBe(1);
  });

  it('2. fails with NotLoggedInError when an expired token has no refresh token', async () => {
    const manager = useKit().manager();
    await manager.saveCoreToken({
      accessToken: 'opaque',
      tokenType: 'Bearer',
      expiresAt: Date.now() - 1,
    });
    const error = await rejectionOf(() => manager.token({ resource: getIssuer().url }));
    expect(error).toBeInstanceOf(NotLoggedInError);
    expect(error).toMatchObject({ reason: 'no_refresh_token' });
  });

  it('2. fails with ReauthRequiredError when the refresh token was revoked', async () => {
    const kit = useKit();
    const session = await kit.login();
    await issuerForm(kit.issuer, '/token/revocation', {
      token: session.refreshToken as string,
      token_type_hint: 'refresh_token',
    });
    const manager = kit.manager({}, { now: new TestClock(Date.now() + 2 * HOUR).now });
    await manager.saveCoreToken(session);
    const error = await rejectionOf(() => manager.token({ resource: kit.issuer.url }));
    expect(ReauthRequiredError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toMatchObject({ code: 'refresh_token_rejected' });
    expect(kit.issuer.grants.failures(REFRESH)).toBe(1);
    // The session was not deleted: a status command can still show it.
    expect(await manager.lookupCoreToken()).toMatchObject({ refreshToken: session.refreshToken });
  });

  it('2. fails with NoRefreshEndpointError when endpoints name no refresh endpoint', async () => {
    const kit = useKit();
    const manager = kit.manager(
      { endpoints: { exchange: `${kit.issuer.url}/token` } },
      { now: new TestClock(Date.now() + 2 * HOUR).now },
    );
    await manager.saveCoreToken(await kit.login());
    const error = await rejectionOf(() => manager.token({ resource: kit.issuer.url }));
    expect(NoRefreshEndpointError.isInstance(error)).toBe(true);
    expect(kit.issuer.grants.count(REFRESH) + kit.issuer.grants.failures(REFRESH)).toBe(0);
  });

  it('3. hands out the core token for the issuer itself, however it is spelled', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager();
    await manager.saveCoreToken(session);
    const spelled = kit.issuer.url.replace('http://', 'HTTP://');
    expect(await manager.token({ resource: kit.issuer.url })).toBe(session.accessToken);
    expect(await manager.token({ resource: `${spelled}/` })).toBe(session.accessToken);
    expect(await manager.tokenForResource(new URL(kit.issuer.url))).toBe(session.accessToken);
    expect(kit.issuer.grants.count(EXCHANGE) + kit.issuer.grants.failures(EXCHANGE)).toBe(0);
  });

  it('3. exchanges for the issuer when an audience is asked for', async () => {
    const kit = useKit();
    const manager = kit.manager();
    await manager.saveCoreToken(await kit.login());
    // The embedded issuer refuses two targets at once: the point is that it was asked.
    await expect(
      manager.token({ resource: kit.issuer.url, audience: kit.issuer.resources.data }),
    ).rejects.toMatchObject({ code: 'invalid_target' });
    expect(kit.issuer.grants.failures(EXCHANGE)).toBe(1);
  });

  it('4. hands out the core token for a resource its aud already names', async () => {
    const kit = useKit();
    const session = await kit.login();
    expect(claimsOf(session.accessToken).aud).toBe(kit.issuer.resources.api);
    const manager = kit.manager();
    await manager.saveCoreToken(session);
    expect(await manager.token({ resource: kit.issuer.resources.api })).toBe(session.accessToken);
    expect(
      await manager.token({
        resource: kit.issuer.resources.api,
        audience: kit.issuer.resources.api,
      }),
    ).toBe(session.accessToken);
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(0);
  });

  it('5. exchanges the core token for any other resource (RFC 8693)', async () => {
    const kit = useKit();
    const session = await kit.login();
    const manager = kit.manager();
    await manager.saveCoreToken(session);
    const token = await manager.token({ resource: kit.issuer.resources.data });
    expect(claimsOf(token)).toMatchObject({
      aud: kit.issuer.resources.data,
      sub: kit.issuer.demoUser.sub,
    });
    expect(kit.issuer.grants.count(EXCHANGE)).toBe(1);
  });

  it('5. fails with NoExchangeEndpointError when endpoints name no exchange endpoint', async () => {
    const kit = useKit();
    const manager = kit.manager({ endpoints: { refresh: `${kit.issuer.url}/token` } });
    await manager.saveCoreToken(await kit.login());
    const error = await rejectionOf(() => manager.token({ resource: kit.issuer.resources.data }));
    expect(NoExchangeEndpointError.isInstance(error)).toBe(true);
    // The shortcuts still work without one.
    expect(await manager.token({ resource: kit.issuer.url })).toBeTypeOf('string');
  });

  it('rejects a request without an absolute resource with TypeError', async () => {
    const manager = useKit().manager();
    await manager.saveCoreToken(await useKit().login());
    for (const resource of ['', 'not a url', '/relative', 'https://api.example/#frag']) {
      await expect(manager.token({ resource })).rejects.toBeInstanceOf(TypeError);
    }
    await expect(manager.token(undefined as never)).rejects.toBeInstanceOf(TypeError);
  });
});
