import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AbortError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import type { KeyringBackend } from './keyring-backend.js';
import { probeKeyring } from './probe-keyring.js';
import { fakeKeyring } from './test-support/fake-keyring.js';
import { secretServiceAvailable, uniqueService } from './test-support/secret-service.js';
import { rejectionOf } from './test-support/secrets.js';

const available = await secretServiceAvailable();

describe.skipIf(!available)('probeKeyring on a real Secret Service', () => {
  it('writes, reads and deletes a value, leaving nothing behind', async () => {
    const service = uniqueService('probe');
    expect(await probeKeyring({ service })).toEqual({ usable: true });
    const { stdout } = await promisify(execFile)('secret-tool', [
      'search',
      '--all',
      'service',
      service,
    ]);
    expect(stdout).toBe('');
  });
});

describe('probeKeyring', () => {
  it('uses a random throw-away account and value, and deletes them', async () => {
    const keyring = fakeKeyring();
    expect(await probeKeyring({ service: 'mycli', keyring })).toEqual({ usable: true });
    expect(keyring.calls.map((call) => call.op)).toEqual(['set', 'get', 'delete']);
    expect(keyring.calls[0]?.account).toMatch(/^latch-probe-[0-9a-f]{16}$/);
    expect(keyring.secrets.size).toBe(0);
  });

  it('reports a keychain that returns another value, and one that fails', async () => {
    const liar: KeyringBackend = {
      get: async () => Buffer.from('something else'),
      set: async () => undefined,
      delete: async () => true,
    };
    const lie = await probeKeyring({ service: 'mycli', keyring: liar });
    expect(lie.usable).toBe(false);
    if (!lie.usable) expect(lie.error.reason).toContain('another value');

    const locked: KeyringBackend = {
      ...liar,
      set: async () => {
        throw new Error('Secret Service: unlock prompt was dismissed');
      },
    };
    const outcome = await probeKeyring({ service: 'mycli', keyring: locked });
    expect(outcome.usable).toBe(false);
    if (!outcome.usable) {
      expect(outcome.error.code).toBe('keyring_unavailable');
      expect(outcome.error.reason).toBe(
        'the keychain is locked or the unlock prompt was dismissed',
      );
    }
  });

  it('gives up after timeoutMs, and rejects with AbortError on the caller’s signal', async () => {
    const hangs: KeyringBackend = {
      get: () => new Promise(() => undefined),
      set: () => new Promise(() => undefined),
      delete: () => new Promise(() => undefined),
    };
    const waits: number[] = [];
    const slow = await probeKeyring({
      service: 'mycli',
      keyring: hangs,
      timeoutMs: 700,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(slow.usable).toBe(false);
    expect(waits).toEqual([700]);
    const aborted = await rejectionOf(() =>
      probeKeyring({ service: 'mycli', keyring: hangs, signal: AbortSignal.abort() }),
    );
    expect(AbortError.isInstance(aborted)).toBe(true);
  });

  it('validates its options', async () => {
    await expect(probeKeyring({ service: 'a b' })).rejects.toThrow(TypeError);
    await expect(probeKeyring({ service: 'mycli', timeoutMs: 0 })).rejects.toThrow(TypeError);
  });
});
