import type { TokenSet } from '@latch/core';
import { AbortError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { CorruptStoreError, KeyringUnavailableError, ValueTooLargeError } from './errors.js';
import { KeyringStore, type KeyringStoreOptions } from './keyring-store.js';
import { fakeKeyring } from './test-support/fake-keyring.js';
import { expectNoSecrets, rejectionOf, SECRET, SECRET_TOKENS } from './test-support/secrets.js';

// Faults a real keychain cannot be made to produce here: Windows' 2,560-byte limit, a keychain
// that goes away between two writes, one that never answers, parts changed behind our back.

const ACCOUNT = 'https://login.example.com#default';
const big: TokenSet = {
  ...SECRET_TOKENS,
  accessToken: `${SECRET.accessToken}-${'€'.repeat(3000)}`, // 9 KB of UTF-8
};
const windows = (
  keyring = fakeKeyring({ maxSecretBytes: 2560 }),
  extra: Partial<KeyringStoreOptions> = {},
) => ({
  keyring,
  store: new KeyringStore({ service: 'mycli', platform: 'win32', keyring, ...extra }),
});

describe('KeyringStore splitting large values', () => {
  it('splits a value past Windows’ limit into parts no larger than 2,048 bytes', async () => {
    const { keyring, store } = windows();
    await store.save(ACCOUNT, big);
    const sets = keyring.calls.filter((call) => call.op === 'set');
    expect(sets.length).toBeGreaterThan(4);
    expect(sets.every((call) => (call.bytes ?? 0) <= 2048)).toBe(true);
    // Parts first, the manifest under the account itself last.
    expect(
      sets.slice(0, -1).every((call) => call.account.startsWith(`${ACCOUNT}#latch-part-`)),
    ).toBe(true);
    expect(sets.at(-1)?.account).toBe(ACCOUNT);
    expect(await store.load(ACCOUNT)).toEqual(big);
  });

  it('keeps a small value in one entry', async () => {
    const { keyring, store } = windows();
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect([...keyring.secrets.keys()]).toEqual([`mycli\n${ACCOUNT}`]);
  });

  it('leaves the old value readable when a save stops before its manifest', async () => {
    const keyring = fakeKeyring({ maxSecretBytes: 2560 });
    await windows(keyring).store.save(ACCOUNT, SECRET_TOKENS);
    const failing = fakeKeyring({ maxSecretBytes: 2560, failFromSet: 3 });
    for (const [id, secret] of keyring.secrets) failing.secrets.set(id, secret);
    const error = await rejectionOf(() => windows(failing).store.save(ACCOUNT, big));
    expect(KeyringUnavailableError.isInstance(error)).toBe(true);
    expect((error as KeyringUnavailableError).reason).toBe('the Secret Service did not answer');
    expect(await windows(failing).store.load(ACCOUNT)).toEqual(SECRET_TOKENS);
  });

  it('removes the parts of a replaced value and of a deleted one', async () => {
    const { keyring, store } = windows();
    await store.save(ACCOUNT, big);
    await store.save(ACCOUNT, { ...big, scope: 'other' });
    const parts = [...keyring.secrets.keys()].filter((id) => id.includes('#latch-part-'));
    expect(parts.length).toBe(keyring.calls.filter((c) => c.op === 'set').length / 2 - 1);
    await store.delete(ACCOUNT);
    await store.delete(ACCOUNT);
    expect(keyring.secrets.size).toBe(0);
  });

  it('detects a missing part and parts that do not match their manifest', async () => {
    const { keyring, store } = windows();
    await store.save(ACCOUNT, big);
    const partIds = [...keyring.secrets.keys()].filter((id) => id.includes('#latch-part-'));
    const first = partIds[0] as string;
    const saved = keyring.secrets.get(first) as Uint8Array;

    const changed = Uint8Array.from(saved);
    changed[10] = (changed[10] ?? 0) ^ 1;
    keyring.secrets.set(first, changed);
    const tampered = await rejectionOf(() => store.load(ACCOUNT));
    expect(CorruptStoreError.isInstance(tampered) && tampered.reason).toBe('tampered');
    expectNoSecrets(tampered);

    keyring.secrets.delete(first);
    const missing = await rejectionOf(() => store.load(ACCOUNT));
    expect(CorruptStoreError.isInstance(missing) && missing.reason).toBe('truncated');
    expect((missing as CorruptStoreError).message).toContain('part 1 of');

    await store.delete(ACCOUNT); // the way out
    expect(await store.load(ACCOUNT)).toBeUndefined();
  });

  it('refuses a value larger than maxValueBytes, writing nothing and quoting nothing', async () => {
    const { keyring, store } = windows(undefined, { maxValueBytes: 4096 });
    const error = await rejectionOf(() => store.save(ACCOUNT, big));
    expect(ValueTooLargeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'value_too_large', limit: 4096 });
    expect((error as ValueTooLargeError).bytes).toBeGreaterThan(9000);
    expectNoSecrets(error);
    expect(keyring.calls).toEqual([]);
  });

  it('uses 16 KiB entries by default outside Windows', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringStore({ service: 'mycli', platform: 'linux', keyring });
    await store.save(ACCOUNT, big);
    expect(keyring.secrets.size).toBe(1);
  });
});

describe('KeyringStore failures', () => {
  const neverAnswers = {
    get: () => new Promise<never>(() => undefined),
    set: () => new Promise<never>(() => undefined),
    delete: () => new Promise<never>(() => undefined),
  };

  it('bounds every call by timeoutMs', async () => {
    const waits: number[] = [];
    const store = new KeyringStore({
      service: 'mycli',
      keyring: neverAnswers,
      timeoutMs: 3_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const error = await rejectionOf(() => store.load(ACCOUNT));
    expect(KeyringUnavailableError.isInstance(error)).toBe(true);
    expect((error as KeyringUnavailableError).reason).toBe(
      'the keychain did not answer within 3000 ms',
    );
    expect(waits).toEqual([3_000]);
  });

  it('rejects with AbortError when the caller’s signal aborts', async () => {
    const store = new KeyringStore({ service: 'mycli', keyring: neverAnswers });
    const controller = new AbortController();
    const saving = store.save(ACCOUNT, SECRET_TOKENS, { signal: controller.signal });
    controller.abort();
    expect(AbortError.isInstance(await rejectionOf(() => saving))).toBe(true);
    await expect(store.load(ACCOUNT, { signal: AbortSignal.abort() })).rejects.toSatisfy(
      AbortError.isInstance,
    );
  });

  it('reports a value that is not a token set as CorruptStoreError', async () => {
    const keyring = fakeKeyring();
    const store = new KeyringStore({ service: 'mycli', keyring });
    for (const value of ['{"accessToken":""}', '[1,2]', 'not json', '{"latchChunks":2}']) {
      await keyring.set('mycli', ACCOUNT, Buffer.from(value), new AbortController().signal);
      const error = await rejectionOf(() => store.load(ACCOUNT));
      expect(CorruptStoreError.isInstance(error), value).toBe(true);
      expect((error as CorruptStoreError).location).toBe(
        `keychain service "mycli" account "${ACCOUNT}"`,
      );
    }
  });

  it('validates its arguments', async () => {
    expect(() => new KeyringStore({ service: 'a/b' })).toThrow(TypeError);
    expect(() => new KeyringStore({ service: 'mycli', timeoutMs: 0 })).toThrow(TypeError);
    expect(() => new KeyringStore({ service: 'mycli', maxSecretBytes: 100 })).toThrow(TypeError);
    const store = new KeyringStore({ service: 'mycli', keyring: fakeKeyring() });
    await expect(store.save(ACCOUNT, { accessToken: 'x' } as TokenSet)).rejects.toThrow(TypeError);
    await expect(store.load('bad\nkey')).rejects.toThrow(TypeError);
  });
});
