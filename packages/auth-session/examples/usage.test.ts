import { fileURLToPath } from 'node:url';
import type { TokenSet } from '@latch/core';
import { DEVICE_CODE_GRANT_TYPE, startIssuer } from '@latch/issuer';
import { readmeExample } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { until } from '../src/test-support/wait.js';
import { createConnections, streamConnection } from './usage.js';

const fastSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, Math.min(ms, 20));
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

describe('README example', () => {
  it('is the code the README shows', async () => {
    const shown = await readmeExample(fileURLToPath(new URL('..', import.meta.url)), 'usage');
    expect(shown.readme).toBe(shown.file);
  });

  it('connects an account against the embedded issuer, streaming the code and the success', async () => {
    const issuer = await startIssuer({ log: () => {} });
    const saved: { tokens: TokenSet; intoBundleId: string | undefined }[] = [];
    const manager = createConnections({
      issuer: issuer.url,
      clientId: issuer.clientId,
      sleep: fastSleep,
      saveTokens: async (tokens, intoBundleId) => {
        saved.push({ tokens, intoBundleId });
        return 'bundle-42';
      },
    });
    try {
      const id = await manager.start('latch', { intoBundleId: 'tenant-a/github' });
      const chunks: string[] = [];
      const end = await streamConnection(manager, id, (chunk) => chunks.push(chunk));
      const events = () => chunks.map((chunk) => JSON.parse(chunk.slice('data: '.length)));
      const shown = await until(() => events().find((poll) => poll.status === 'code-emitted'));
      await issuer.approveDevice(shown.userCode);
      await until(() => events().some((poll) => poll.status === 'success'));
      end();
      expect(events().at(-1)).toEqual({
        providerId: 'latch',
        status: 'success',
        bundleId: 'bundle-42',
        email: issuer.demoUser.email,
      });
      expect(saved).toHaveLength(1);
      expect(saved[0]?.intoBundleId).toBe('tenant-a/github');
      expect(issuer.grants.count(DEVICE_CODE_GRANT_TYPE)).toBe(1);
      const accessToken = saved[0]?.tokens.accessToken ?? 'missing';
      expect(chunks.join('')).not.toContain(accessToken);
      const gone: string[] = [];
      await streamConnection(manager, 'auth-unknown', (chunk) => gone.push(chunk));
      expect(gone).toEqual(['event: gone\ndata: {}\n\n']);
    } finally {
      await manager.close();
      await issuer.close();
    }
  });
});
