import { join } from 'node:path';
import { DEVICE_CODE_GRANT_TYPE, type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSessionManager } from './auth-session-manager.js';
import { childProcessDriver } from './child-process-driver.js';
import { assertBuilt } from './test-support/built-deps.js';
import { packageDir } from './test-support/processes.js';
import { until } from './test-support/wait.js';

const CHILD = join(packageDir, 'src', 'test-support', 'device-login-child.mjs');
let issuer: Issuer;

beforeAll(async () => {
  assertBuilt(['core', 'device-grant']);
  issuer = await startIssuer({ log: () => {} });
});
afterAll(async () => {
  await issuer?.close();
});

describe('a child-process session running @latch/device-grant against the embedded issuer', () => {
  it('shows the code, the demo user approves, the caller confirms, the session succeeds', async () => {
    const confirmations: unknown[] = [];
    const manager = new AuthSessionManager({
      providers: {
        latch: childProcessDriver({
          command: [process.execPath, CHILD, issuer.url, '--sleep-ms', '100', '--leak'],
          // The auth check: the issuer really granted a device-code token to the account named.
          confirm: async ({ account }) => {
            confirmations.push(account);
            const granted = issuer.grants.count(DEVICE_CODE_GRANT_TYPE) === 1;
            return granted && account === issuer.demoUser.sub
              ? { bundleId: 'bundle-e2e' }
              : undefined;
          },
        }),
      },
    });
    try {
      const id = await manager.start('latch');
      const shown = await until(async () => {
        const poll = await manager.poll(id);
        return poll?.status === 'code-emitted' ? poll : undefined;
      });
      expect(shown.verificationUrl).toBe(`${issuer.url}/device`);
      expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
      expect(confirmations).toEqual([]);
      await issuer.approveDevice(shown.userCode);
      await until(async () => (await manager.poll(id))?.status === 'success');
      expect(await manager.poll(id)).toEqual({
        providerId: 'latch',
        status: 'success',
        bundleId: 'bundle-e2e',
        email: issuer.demoUser.sub,
      });
      expect(confirmations).toEqual([issuer.demoUser.sub]);
      const transcript = (await manager.transcript(id)) ?? [];
      expect(transcript).toContain(`logged in as ${issuer.demoUser.sub}`);
      expect(transcript).toContain('debug: access_token=[redacted]');
      expect(transcript).toContain('debug: Authorization: Bearer [redacted]');
      expect(transcript).toContain('debug: {"refresh_token": "[redacted]"}');
      expect(transcript).toContain('debug: id token [redacted]');
      expect(JSON.stringify(transcript)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    } finally {
      await manager.close();
    }
  });
});
