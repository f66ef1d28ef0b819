import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import { setTokenManagerSeamsForTest } from './test-seams.js';
import { TokenManager } from './token-manager.js';

describe('test seams', () => {
  it('are not exported by the package', () => {
    expect(Object.keys(api)).not.toContain('setTokenManagerSeamsForTest');
    expect(Object.keys(api).filter((name) => /seam|test/i.test(name))).toEqual([]);
  });

  it('replace a service until restored, and only on a manager', async () => {
    const store = new MemoryStore();
    const lockDir = join(tmpdir(), `latch-seams-${process.pid}`);
    const manager = new TokenManager({
      issuer: 'https://as.example',
      clientId: 'c',
      store,
      lockDir,
    });
    await manager.saveCoreToken({
      accessToken: 'opaque',
      tokenType: 'Bearer',
      expiresAt: 1_000_000,
    });
    // With a clock before the expiry, no refresh is needed (none is configured here).
    const restore = setTokenManagerSeamsForTest(manager, { now: () => 0 });
    expect(await manager.token({ resource: 'https://as.example' })).toBe('opaque');
    restore();
    await expect(manager.refresh()).rejects.toMatchObject({ reason: 'no_refresh_token' });
    await rm(lockDir, { recursive: true, force: true });
    expect(() => setTokenManagerSeamsForTest({}, {})).toThrow(TypeError);
  });
});
