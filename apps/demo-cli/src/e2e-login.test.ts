import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runE2eLogin } from './e2e-login.js';

describe('the end-to-end login (pnpm demo)', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it('logs the demo user in, refreshes once, and prints no secret', async () => {
    const lines: string[] = [];
    const result = await runE2eLogin(issuer, (line) => lines.push(line));
    const transcript = lines.join('\n');

    expect(result.metadata.issuer).toBe(issuer.url);
    expect(result.login.refreshToken).toBeTruthy();
    expect(result.refreshed.refreshToken).toBeTruthy();
    expect(result.refreshed.refreshToken).not.toBe(result.login.refreshToken);
    expect(issuer.grants.count('authorization_code')).toBe(1);
    expect(issuer.grants.count('refresh_token')).toBe(1);
    expect(transcript).toContain(`signed in as           ${issuer.demoUser.sub}`);
    expect(transcript).toContain(`audience               ${issuer.resources.api}`);
    expect(transcript).toContain('refresh token rotated  yes');
    expect(transcript).toContain('scope                  api:read');

    const secrets = [
      result.login.accessToken,
      result.login.refreshToken,
      result.login.idToken,
      result.refreshed.accessToken,
      result.refreshed.refreshToken,
    ];
    for (const secret of secrets) {
      expect(secret).toBeTruthy();
      expect(transcript).not.toContain(secret);
      // Not even a fragment of a token: any 12-character slice would be a leak.
      expect(transcript).not.toContain(secret?.slice(-12));
    }
  });
});
