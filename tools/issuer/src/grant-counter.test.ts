import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_TYPE,
  DEVICE_CODE_GRANT_TYPE,
  type Issuer,
  startIssuer,
  TOKEN_EXCHANGE_GRANT_TYPE,
} from './index.js';
import { login, postForm } from './test-support/oauth.js';

describe('grant counter', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  it('counts successful and failed token responses per grant type, exactly', async () => {
    issuer.grants.reset();
    expect(issuer.grants.snapshot()).toEqual({});

    const tokens = await login(issuer);
    const refreshed = await postForm(issuer, {
      grant_type: 'refresh_token',
      client_id: issuer.clientId,
      refresh_token: String(tokens.refresh_token),
    });
    await postForm(issuer, {
      grant_type: 'refresh_token',
      client_id: issuer.clientId,
      refresh_token: String(refreshed.body.refresh_token),
    });
    const reuse = await postForm(issuer, {
      grant_type: 'refresh_token',
      client_id: issuer.clientId,
      refresh_token: String(tokens.refresh_token),
    });
    expect(reuse.body.error).toBe('invalid_grant');

    const exchanged = await postForm(issuer, {
      grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
      client_id: issuer.clientId,
      subject_token: String(tokens.access_token),
      subject_token_type: ACCESS_TOKEN_TYPE,
      resource: issuer.resources.data,
    });
    expect(exchanged.status).toBe(200);

    const device = await postForm(
      issuer,
      { client_id: issuer.clientId, scope: 'openid' },
      '/device/auth',
    );
    const deviceCode = String(device.body.device_code);
    const poll = () =>
      postForm(issuer, {
        grant_type: DEVICE_CODE_GRANT_TYPE,
        client_id: issuer.clientId,
        device_code: deviceCode,
      });
    await poll();
    await issuer.approveDevice(String(device.body.user_code));
    expect((await poll()).status).toBe(200);

    expect(issuer.grants.snapshot()).toEqual({
      authorization_code: 1,
      refresh_token: 2,
      [TOKEN_EXCHANGE_GRANT_TYPE]: 1,
      [DEVICE_CODE_GRANT_TYPE]: 1,
    });
    expect(issuer.grants.count('refresh_token')).toBe(2);
    expect(issuer.grants.failures('refresh_token')).toBe(1);
    expect(issuer.grants.failures(DEVICE_CODE_GRANT_TYPE)).toBe(1);
    expect(issuer.grants.failures('authorization_code')).toBe(0);
    expect(issuer.grants.count('client_credentials')).toBe(0);

    issuer.grants.reset();
    expect(issuer.grants.snapshot()).toEqual({});
    expect(issuer.grants.failures('refresh_token')).toBe(0);
  });

  it('counts an unsupported grant type as a failure of that type', async () => {
    issuer.grants.reset();
    const answer = await postForm(issuer, { grant_type: 'password', client_id: issuer.clientId });
    expect(answer.body.error).toBe('unsupported_grant_type');
    expect(issuer.grants.failures('password')).toBe(1);
    expect(issuer.grants.snapshot()).toEqual({});
  });
});
