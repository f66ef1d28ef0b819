import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AbortError } from '@latch/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore } from './encrypted-file-store.js';
import { KeyringUnavailableError } from './errors.js';
import type { KeyringBackend } from './keyring-backend.js';
import { KeyringStore } from './keyring-store.js';
import { MemoryStore } from './memory-store.js';
import { openTokenStore } from './open-token-store.js';
import {
  assertDistFresh,
  envWithoutSessionBus,
  lastJsonLine,
  runChild,
} from './test-support/children.js';
import { secretServiceAvailable, uniqueService } from './test-support/secret-service.js';
import { rejectionOf, SECRET_TOKENS } from './test-support/secrets.js';
import { tempDir } from './test-support/temp-dir.js';

const available = await secretServiceAvailable();
const supportDir = fileURLToPath(new URL('./test-support/', import.meta.url));
let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  const temp = await tempDir();
  dir = temp.path;
  removeDir = temp.remove;
});
afterEach(() => removeDir());

interface OpenOutcome {
  ok: boolean;
  backend?: string;
  persistent?: boolean;
  warning?: string;
  elapsedMs: number;
  back?: string;
  error?: { name: string; code: string; reason: string; message: string };
}

const neverAnswers: KeyringBackend = {
  get: () => new Promise(() => undefined),
  set: () => new Promise(() => undefined),
  delete: () => new Promise(() => undefined),
};
const instantSleep = async () => undefined;

describe('openTokenStore in a process without a session bus', () => {
  beforeAll(() => assertDistFresh());

  it('falls back to the encrypted file within 2 s, with a warning naming both files', async () => {
    const service = uniqueService('nobus');
    const outcome = lastJsonLine(
      await runChild('open-store-child.mjs', [service, 'auto', dir], {
        env: envWithoutSessionBus(),
      }),
    ) as OpenOutcome;
    expect(outcome).toMatchObject({
      ok: true,
      backend: 'file',
      persistent: true,
      back: 'round-trip',
    });
    expect(outcome.elapsedMs).toBeLessThan(2_000);
    expect(outcome.warning).toBe(
      'No usable OS keychain (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set); tokens ' +
        `are stored encrypted in ${join(dir, 'tokens.enc')}, whose key sits beside it in ${join(dir, 'key')}.`,
    );
  });

  it('fails with KeyringUnavailableError when the keychain is forced', async () => {
    const outcome = lastJsonLine(
      await runChild('open-store-child.mjs', [uniqueService('nobus'), 'keyring', dir], {
        env: envWithoutSessionBus(),
      }),
    ) as OpenOutcome;
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({
      name: 'KeyringUnavailableError',
      code: 'keyring_unavailable',
    });
    expect(outcome.elapsedMs).toBeLessThan(2_000);
  });
});

describe.skipIf(!available)('openTokenStore with a real Secret Service', () => {
  beforeAll(() => assertDistFresh());

  it('opens the keychain, persistent and without a warning', async () => {
    const opened = await openTokenStore({ service: uniqueService('auto'), file: { dir } });
    expect(opened.backend).toBe('keyring');
    expect(opened.persistent).toBe(true);
    expect(opened.warning).toBeUndefined();
    expect(opened.store).toBeInstanceOf(KeyringStore);
  });

  it('falls back within 2 s when the Secret Service hangs (a stopped gnome-keyring)', async () => {
    const child = join(supportDir, 'children', 'open-store-child.mjs');
    const started = Date.now();
    const { stdout } = await promisify(execFile)(
      'dbus-run-session',
      [
        '--',
        'bash',
        join(supportDir, 'stuck-secret-service.sh'),
        process.execPath,
        child,
        uniqueService('stuck'),
        'auto',
        dir,
      ],
      { timeout: 30_000 },
    );
    const outcome = JSON.parse(stdout.trim().split('\n').pop() ?? '') as OpenOutcome;
    expect(outcome).toMatchObject({ ok: true, backend: 'file', back: 'round-trip' });
    expect(outcome.elapsedMs).toBeLessThan(2_000);
    expect(outcome.warning).toContain('the keychain did not answer within 1500 ms');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('openTokenStore', () => {
  it('opens the file or memory store when asked, without probing', async () => {
    const file = await openTokenStore({
      service: 'mycli',
      prefer: 'file',
      file: { dir },
      keyring: { keyring: neverAnswers },
    });
    expect(file).toMatchObject({ backend: 'file', persistent: true });
    expect(file.store).toBeInstanceOf(EncryptedFileStore);
    expect(file.warning).toBeUndefined();
    const memory = await openTokenStore({ service: 'mycli', prefer: 'memory' });
    expect(memory).toMatchObject({ backend: 'memory', persistent: false });
    expect(memory.store).toBeInstanceOf(MemoryStore);
  });

  it('falls back when the keychain does not answer within the probe bound', async () => {
    const opened = await openTokenStore({
      service: 'mycli',
      file: { dir },
      probeTimeoutMs: 1_500,
      keyring: { keyring: neverAnswers, sleep: instantSleep },
    });
    expect(opened.backend).toBe('file');
    expect(opened.warning).toContain('the keychain did not answer within 1500 ms');
    await opened.store.save('k', SECRET_TOKENS);
    expect(await opened.store.load('k')).toEqual(SECRET_TOKENS);
  });

  it('says so when the file store is keyed by a passphrase', async () => {
    const opened = await openTokenStore({
      service: 'mycli',
      file: { dir, passphrase: 'correct horse' },
      keyring: { keyring: neverAnswers, sleep: instantSleep },
    });
    expect(opened.warning).toContain(
      `encrypted with your passphrase in ${join(dir, 'tokens.enc')}`,
    );
  });

  it('throws the probe’s KeyringUnavailableError when the keychain is forced', async () => {
    const error = await rejectionOf(() =>
      openTokenStore({
        service: 'mycli',
        prefer: 'keyring',
        keyring: { keyring: neverAnswers, sleep: instantSleep },
      }),
    );
    expect(KeyringUnavailableError.isInstance(error)).toBe(true);
  });

  it('rejects with AbortError when the signal aborts during the probe', async () => {
    const controller = new AbortController();
    const opening = openTokenStore({
      service: 'mycli',
      file: { dir },
      keyring: { keyring: neverAnswers },
      signal: controller.signal,
    });
    controller.abort(new Error('user pressed ^C'));
    expect(AbortError.isInstance(await rejectionOf(() => opening))).toBe(true);
  });

  it('validates its options before probing', async () => {
    await expect(openTokenStore({ service: '' })).rejects.toThrow(TypeError);
    await expect(openTokenStore({ service: 'mycli', prefer: 'disk' as never })).rejects.toThrow(
      TypeError,
    );
    await expect(
      openTokenStore({ service: 'mycli', probeTimeoutMs: -1, keyring: { keyring: neverAnswers } }),
    ).rejects.toThrow(TypeError);
  });
});
