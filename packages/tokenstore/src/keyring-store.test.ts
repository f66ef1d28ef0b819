import type { TokenSet } from '@latch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptStoreError, KeyringUnavailableError } from './errors.js';
import { osKeyring } from './keyring-backend.js';
import { partAccount } from './keyring-chunks.js';
import { KeyringStore } from './keyring-store.js';
import {
  assertDistFresh,
  envWithoutSessionBus,
  lastJsonLine,
  runChild,
} from './test-support/children.js';
import {
  secretServiceAvailable,
  secretToolSearch,
  uniqueService,
} from './test-support/secret-service.js';
import { expectNoSecrets, rejectionOf, SECRET, SECRET_TOKENS } from './test-support/secrets.js';

// The OS keychain for real: gnome-keyring's Secret Service on a D-Bus session bus, started by
// scripts/with-secret-service.sh (`pnpm test`). Values are read back by fresh processes.

const available = await secretServiceAvailable();
const service = uniqueService('keyring');
const used = new Set<string>();
const store = new KeyringStore({ service });

/** Runs keyring-child.mjs in a fresh process; its JSON result. */
async function inChild(
  command: 'save' | 'load' | 'delete',
  account: string,
  options: Record<string, unknown> = {},
  tokens?: TokenSet,
  env?: NodeJS.ProcessEnv,
) {
  const args = [command, service, account, JSON.stringify(options)];
  if (tokens !== undefined) args.push(JSON.stringify(tokens));
  return lastJsonLine(await runChild('keyring-child.mjs', args, env ? { env } : {})) as {
    ok: boolean;
    tokens?: TokenSet | null;
    error?: { name: string; code: string; reason: string; message: string };
  };
}

const account = (label: string) => {
  const name = `https://login.example.com#${label}`;
  used.add(name);
  return name;
};

const values: Record<string, TokenSet> = {
  ascii: SECRET_TOKENS,
  'non-ascii': {
    accessToken: 'tök€n-日本語-🔑-\u00e9\u0301',
    tokenType: 'Bearer',
    scope: 'lesen schreiben ✓',
  },
  '8kib': {
    accessToken: 'a'.repeat(8 * 1024),
    tokenType: 'Bearer',
    idToken: `eyJ${'b'.repeat(4096)}`,
    expiresAt: 1_700_000_000_123,
  },
};

describe.skipIf(!available)('KeyringStore on a real Secret Service', () => {
  beforeAll(() => assertDistFresh());
  afterAll(async () => {
    for (const name of used) await store.delete(name).catch(() => undefined);
  });

  for (const [label, tokens] of Object.entries(values)) {
    it(`round-trips a ${label} token set, read back by a fresh process`, async () => {
      await store.save(account(label), tokens);
      expect(await inChild('load', account(label))).toEqual({ ok: true, tokens });
      await inChild('save', account(`${label}-from-child`), {}, tokens);
      expect(await store.load(account(`${label}-from-child`))).toEqual(tokens);
    });
  }

  it('keeps the value in the Secret Service, as the token set JSON', async () => {
    await store.save(account('visible'), { accessToken: 'visible-token', tokenType: 'Bearer' });
    const listing = await secretToolSearch(service);
    expect(listing).toContain(`attribute.username = ${account('visible')}`);
    expect(listing).toContain('{"accessToken":"visible-token","tokenType":"Bearer"}');
  });

  it('splits a value larger than maxSecretBytes into parts, read back by a fresh process', async () => {
    const small = { maxSecretBytes: 1024 };
    const chunked = new KeyringStore({ service, ...small });
    const tokens = values['8kib'] as TokenSet;
    await chunked.save(account('chunked'), tokens);
    const manifest = JSON.parse(
      Buffer.from(
        (await osKeyring.get(service, account('chunked'), new AbortController().signal)) ?? [],
      ).toString(),
    );
    expect(manifest).toMatchObject({ latchChunks: 1, parts: 13 });
    expect(await inChild('load', account('chunked'), small)).toEqual({ ok: true, tokens });
    expect(await inChild('load', account('chunked'))).toEqual({ ok: true, tokens });

    // Replacing it with a small value removes the parts; deleting removes everything.
    await chunked.save(account('chunked'), SECRET_TOKENS);
    const signal = new AbortController().signal;
    expect(
      await osKeyring.get(service, partAccount(account('chunked'), manifest.id, 0), signal),
    ).toBeNull();
    await chunked.save(account('chunked'), tokens);
    await inChild('delete', account('chunked'), small);
    expect(await secretToolSearch(service)).not.toContain('latch-part');
    expect(await chunked.load(account('chunked'))).toBeUndefined();
  });

  it('reports a foreign value as CorruptStoreError, and delete() clears it', async () => {
    const signal = new AbortController().signal;
    await osKeyring.set(
      service,
      account('foreign'),
      Buffer.from(`password ${SECRET.refreshToken}`),
      signal,
    );
    const error = await rejectionOf(() => store.load(account('foreign')));
    expect(CorruptStoreError.isInstance(error)).toBe(true);
    expect((error as CorruptStoreError).reason).toBe('invalid_content');
    expect((error as CorruptStoreError).message).toContain(service);
    expectNoSecrets(error);
    await store.delete(account('foreign'));
    expect(await store.load(account('foreign'))).toBeUndefined();
  });

  it('deletes idempotently and loads a missing entry as undefined', async () => {
    await store.delete(account('never-saved'));
    await store.delete(account('never-saved'));
    expect(await store.load(account('never-saved'))).toBeUndefined();
  });
});

describe('KeyringStore without a session bus', () => {
  beforeAll(() => assertDistFresh());

  it('fails with KeyringUnavailableError from the Secret Service, never the kernel keyring', async () => {
    const result = await inChild(
      'save',
      'https://login.example.com#default',
      {},
      SECRET_TOKENS,
      envWithoutSessionBus(),
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({
      name: 'KeyringUnavailableError',
      code: 'keyring_unavailable',
      reason: 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set',
    });
    // Unpinned, @napi-rs/keyring falls back to the kernel keyring (keyutils), which here says
    // "AccessDenied" (and elsewhere silently succeeds, losing the tokens on reboot).
    expect(result.error?.message).not.toMatch(/AccessDenied|keyutils/i);
    expect(result.error?.message).not.toContain(SECRET.accessToken);
    expect(KeyringUnavailableError.isInstance(result.error)).toBe(false); // plain JSON, no brand
  });
});
