import { fileURLToPath } from 'node:url';
import { readJwtClaims } from '@latch/core';
import { DEVICE_CODE_GRANT_TYPE, startIssuer } from '@latch/issuer';
import { readmeExample } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../src/test-support/fake-clock.js';
import { login } from './usage.js';

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('logs in against the embedded issuer once the demo user approves the printed code', async () => {
    const issuer = await startIssuer({ log: () => {} });
    try {
      const clock = fakeClock({ start: Date.now() });
      const codes: string[] = [];
      const tokens = await login(issuer.url, {
        clientId: issuer.clientId,
        now: clock.now,
        sleep: clock.sleep,
        afterPrompt: async (userCode, verificationUriComplete) => {
          codes.push(userCode);
          expect(verificationUriComplete).toContain(userCode);
          await issuer.approveDevice(userCode);
        },
      });
      expect(codes).toHaveLength(1);
      expect(readJwtClaims(tokens.accessToken)).toMatchObject({ sub: issuer.demoUser.sub });
      expect(tokens.refreshToken).toBeTruthy();
      expect(issuer.grants.count(DEVICE_CODE_GRANT_TYPE)).toBe(1);
    } finally {
      await issuer.close();
    }
  });
});
