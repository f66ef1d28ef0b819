import { SECRET } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJsYXRjaC1kZW1vIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactSecrets', () => {
  it.each([
    [
      `GET /callback?code=${SECRET.accessToken}&state=abc`,
      `GET /callback?code=${REDACTED}&state=abc`,
    ],
    [
      `http://127.0.0.1:1/cb?state=s&code=${SECRET.accessToken}`,
      `http://127.0.0.1:1/cb?state=s&code=${REDACTED}`,
    ],
    [
      `#access_token=${SECRET.accessToken}&token_type=Bearer`,
      `#access_token=${REDACTED}&token_type=Bearer`,
    ],
    [`access_token=${SECRET.accessToken}`, `access_token=${REDACTED}`],
    [`{"refresh_token": "${SECRET.refreshToken}"}`, `{"refresh_token": "${REDACTED}"}`],
    [`refreshToken: '${SECRET.refreshToken}'`, `refreshToken: '${REDACTED}'`],
    [`device_code=${SECRET.clientSecret}`, `device_code=${REDACTED}`],
    [`client_secret: ${SECRET.clientSecret}`, `client_secret: ${REDACTED}`],
    [`Authorization: Bearer ${SECRET.accessToken}`, `Authorization: Bearer ${REDACTED}`],
    [`token ${JWT} issued`, `token ${REDACTED} issued`],
    [`id token: ${JWT}`, `id token: ${REDACTED}`],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345 saved', `${REDACTED} saved`],
  ])('redacts %s', (line, expected) => {
    expect(redactSecrets(line)).toBe(expected);
  });

  it('keeps what a user must see: authorization URLs, user codes, ordinary words', () => {
    const authUrl =
      'https://login.example.com/authorize?response_type=code&client_id=cli&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=xyz';
    for (const line of [
      `Open ${authUrl}`,
      'To sign in, open https://example.com/device and enter the code WDJB-MJHT',
      'Basic setup complete; token_type=Bearer',
      'Logged in as ada@example.com',
    ]) {
      expect(redactSecrets(line)).toBe(line);
    }
  });

  it('leaves no sentinel in any of many secret-bearing shapes', () => {
    for (const secret of Object.values(SECRET)) {
      const lines = [
        `?code=${secret}`,
        `access_token=${secret}`,
        `"id_token":"${secret}"`,
        `Bearer ${secret}`,
        `token: ${secret}`,
        `password=${secret}`,
      ];
      for (const line of lines) expect(redactSecrets(line)).not.toContain(secret);
    }
  });
});
