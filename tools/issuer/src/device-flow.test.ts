import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_CODE_GRANT_TYPE, type Issuer, startIssuer } from './index.js';
import { jwtPayload, postForm } from './test-support/oauth.js';

describe('device authorization grant (RFC 8628)', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer({ deviceCodeTtl: 120 });
  });
  afterAll(() => issuer.close());

  const startDevice = async () => {
    const answer = await postForm(
      issuer,
      { client_id: issuer.clientId, scope: 'openid profile api:read' },
      '/device/auth',
    );
    expect(answer.status).toBe(200);
    return answer.body as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      verification_uri_complete: string;
      expires_in: number;
    };
  };
  const poll = (deviceCode: string) =>
    postForm(issuer, {
      grant_type: DEVICE_CODE_GRANT_TYPE,
      client_id: issuer.clientId,
      device_code: deviceCode,
    });

  it('answers the device authorization request per RFC 8628 §3.2', async () => {
    const device = await startDevice();
    expect(device.verification_uri).toBe(`${issuer.url}/device`);
    expect(device.verification_uri_complete).toContain('user_code=');
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.expires_in).toBe(120);
  });

  it('says authorization_pending until the user approves, then issues tokens', async () => {
    const device = await startDevice();
    const pending = await poll(device.device_code);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');

    await issuer.approveDevice(device.user_code);

    const granted = await poll(device.device_code);
    expect(granted.status).toBe(200);
    expect(typeof granted.body.refresh_token).toBe('string');
    expect(jwtPayload(granted.body.access_token)).toMatchObject({
      aud: issuer.resources.api,
      sub: issuer.demoUser.sub,
      scope: 'api:read',
    });
    expect(jwtPayload(granted.body.id_token)).toMatchObject({ name: 'Demo User' });

    const again = await poll(device.device_code);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('answers access_denied after the user denies', async () => {
    const device = await startDevice();
    await issuer.approveDevice(device.user_code, { deny: true });
    const denied = await poll(device.device_code);
    expect(denied.status).toBe(400);
    expect(denied.body.error).toBe('access_denied');
  });

  it('throws a clear error for an unknown user code', async () => {
    await expect(issuer.approveDevice('BCDF-GHJK')).rejects.toThrow(/not valid/);
  });

  it('throws when the code was already used', async () => {
    const device = await startDevice();
    await issuer.approveDevice(device.user_code);
    await expect(issuer.approveDevice(device.user_code)).rejects.toThrow(/already been used/);
  });

  it('refuses a cross-site user-code POST (no session cookie) with 400', async () => {
    const device = await startDevice();
    const answer = await fetch(`${issuer.url}/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ user_code: device.user_code, confirm: 'yes' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('data-outcome="error"');
    expect((await poll(device.device_code)).body.error).toBe('authorization_pending');
  });

  it('refuses a user-code POST whose xsrf field does not match the session', async () => {
    const device = await startDevice();
    const page = await fetch(`${issuer.url}/device`);
    const cookie = page.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    expect(await page.text()).toContain('name="xsrf"');
    const answer = await fetch(`${issuer.url}/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
      body: new URLSearchParams({ xsrf: 'forged', user_code: device.user_code, confirm: 'yes' }),
    });
    expect(answer.status).toBe(400);
    expect((await poll(device.device_code)).body.error).toBe('authorization_pending');
  });
});
