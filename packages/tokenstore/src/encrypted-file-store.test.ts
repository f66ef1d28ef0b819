import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenSet } from '@latch/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore } from './encrypted-file-store.js';
import type { EncryptedFileStoreOptions } from './encrypted-file-store-options.js';
import { CorruptStoreError } from './errors.js';
import { sealFile } from './sealed-file.js';
import { expectNoSecrets, rejectionOf, SECRET, SECRET_TOKENS } from './test-support/secrets.js';
import { tempDir } from './test-support/temp-dir.js';

const ACCOUNT = 'https://login.example.com#default';
const FAST_SCRYPT = { logN: 10, r: 8, p: 1 };
let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  const temp = await tempDir();
  dir = join(temp.path, 'latch', 'mycli');
  removeDir = temp.remove;
});
afterEach(() => removeDir());

const open = (options: Partial<EncryptedFileStoreOptions> = {}) =>
  new EncryptedFileStore({ service: 'mycli', dir, scrypt: FAST_SCRYPT, ...options });

async function corruptionOf(
  store: EncryptedFileStore,
  action: () => Promise<unknown> = () => store.load(ACCOUNT),
) {
  const error = await rejectionOf(action);
  expect(CorruptStoreError.isInstance(error), String(error)).toBe(true);
  expectNoSecrets(error);
  return error as CorruptStoreError;
}

describe('EncryptedFileStore', () => {
  it('round-trips token sets and keeps every account of the service', async () => {
    const store = open();
    expect(await store.load(ACCOUNT)).toBeUndefined();
    await store.save(ACCOUNT, SECRET_TOKENS);
    await store.save('https://other.example#work', { accessToken: 'ä€𝄞', tokenType: 'N_A' });
    expect(await open().load(ACCOUNT)).toEqual(SECRET_TOKENS);
    expect(await open().load('https://other.example#work')).toEqual({
      accessToken: 'ä€𝄞',
      tokenType: 'N_A',
    });
    await store.delete(ACCOUNT);
    await store.delete(ACCOUNT);
    expect(await store.load(ACCOUNT)).toBeUndefined();
    expect(await store.load('https://other.example#work')).toBeDefined();
  });

  it('stores only the fields of a token set, and refuses an invalid one', async () => {
    const store = open();
    await store.save(ACCOUNT, { ...SECRET_TOKENS, extra: 'dropped' } as TokenSet);
    expect(await store.load(ACCOUNT)).toEqual(SECRET_TOKENS);
    await expect(store.save(ACCOUNT, { tokenType: 'Bearer' } as TokenSet)).rejects.toThrow(
      TypeError,
    );
    await expect(store.save('', SECRET_TOKENS)).rejects.toThrow(TypeError);
  });

  it('creates the directory 0700 and the data and key files 0600, apart', async () => {
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await chmod(dir, 0o755);
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(store.keyFile as string)).mode & 0o777).toBe(0o600);
    expect(store.file).toBe(join(dir, 'tokens.enc'));
    expect(store.keyFile).toBe(join(dir, 'key'));
    const data = await readFile(store.file);
    const key = (await readFile(store.keyFile as string)).subarray(5);
    for (const secret of Object.values(SECRET)) expect(data.includes(secret)).toBe(false);
    expect(data.includes(key)).toBe(false);
  });

  it('deleting from a store with no file writes nothing', async () => {
    await open().delete(ACCOUNT);
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('reports every single-bit flip of the stored file as CorruptStoreError', async () => {
    const store = open();
    await store.save(ACCOUNT, { accessToken: 'a', tokenType: 'Bearer' });
    const original = await readFile(store.file);
    expect(original.length).toBeLessThan(200);
    for (let bit = 0; bit < original.length * 8; bit++) {
      const flipped = Buffer.from(original);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      await writeFile(store.file, flipped);
      const error = await rejectionOf(() => store.load(ACCOUNT));
      expect(CorruptStoreError.isInstance(error), `bit ${bit}: ${String(error)}`).toBe(true);
    }
  });

  it('reports every truncation and the empty file as CorruptStoreError naming the way out', async () => {
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    const original = await readFile(store.file);
    for (let length = 0; length < original.length; length++) {
      await writeFile(store.file, original.subarray(0, length));
      const error = await corruptionOf(store);
      expect(error.location).toBe(store.file);
      expect(error.message).toContain(`Delete ${store.file} and log in again`);
      if (length === 0) expect(error.reason).toBe('truncated');
    }
  });

  it('reports a file sealed with another key, a missing or damaged key file', async () => {
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    const keyFile = store.keyFile as string;
    const key = await readFile(keyFile);

    await writeFile(keyFile, Buffer.concat([key.subarray(0, 5), randomBytes(32)]));
    expect((await corruptionOf(store)).reason).toBe('wrong_key');

    await writeFile(keyFile, key.subarray(0, 20));
    const damaged = await corruptionOf(store);
    expect(damaged.location).toBe(keyFile);
    expect(damaged.message).toContain(keyFile);

    await writeFile(keyFile, key);
    await expect(store.load(ACCOUNT)).resolves.toEqual(SECRET_TOKENS);
    await chmod(keyFile, 0o600);
    await (await import('node:fs/promises')).unlink(keyFile);
    const missing = await corruptionOf(store);
    expect(missing.reason).toBe('wrong_key');
    expect(missing.message).toContain('missing');
  });

  it('never overwrites a file it cannot read, and clear() is the way out', async () => {
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    await writeFile(store.file, 'not a store');
    await corruptionOf(store, () => store.save(ACCOUNT, SECRET_TOKENS));
    expect(await readFile(store.file, 'utf8')).toBe('not a store');
    await store.clear();
    expect(await store.load(ACCOUNT)).toBeUndefined();
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect(await store.load(ACCOUNT)).toEqual(SECRET_TOKENS);
  });

  it('reports authentic content that is not a token store as invalid_content', async () => {
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    const key = (await readFile(store.keyFile as string)).subarray(5);
    const foreign = { version: 1, accounts: { [ACCOUNT]: { accessToken: 42 } } };
    const plaintext = Buffer.from(JSON.stringify(foreign));
    await writeFile(store.file, sealFile(plaintext, key, { kind: 'key-file' }, randomBytes(12)));
    const error = await corruptionOf(store);
    expect(error.reason).toBe('invalid_content');
    expect(error.message).toContain('accessToken');
  });

  it('removes temporary files a killed writer left behind', async () => {
    const store = open();
    await store.save(ACCOUNT, SECRET_TOKENS);
    await writeFile(join(dir, 'tokens.enc.0123456789abcdef.tmp'), 'half a file');
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('update() reads, changes and writes one account; undefined deletes it', async () => {
    const store = open();
    const bump = (current: TokenSet | undefined): TokenSet => ({
      accessToken: String(Number(current?.accessToken ?? 0) + 1),
      tokenType: 'Bearer',
    });
    await store.update(ACCOUNT, bump);
    expect(await store.update(ACCOUNT, bump)).toEqual({ accessToken: '2', tokenType: 'Bearer' });
    expect(await store.update(ACCOUNT, () => undefined)).toBeUndefined();
    expect(await store.load(ACCOUNT)).toBeUndefined();
    await expect(store.update(ACCOUNT, () => ({ nope: 1 }) as never)).rejects.toThrow(TypeError);
  });

  it('rejects at once when the signal has aborted', async () => {
    const signal = AbortSignal.abort(new Error('stop'));
    await expect(open().load(ACCOUNT, { signal })).rejects.toThrow('stop');
    await expect(open().save(ACCOUNT, SECRET_TOKENS, { signal })).rejects.toThrow('stop');
  });

  it('validates its options', () => {
    expect(() => new EncryptedFileStore({ service: 'my cli', dir })).toThrow(TypeError);
    expect(() => new EncryptedFileStore({ service: 'mycli', dir: 'relative' })).toThrow(TypeError);
    expect(() => new EncryptedFileStore({ service: 'mycli', dir, passphrase: '' })).toThrow(
      TypeError,
    );
    expect(
      () => new EncryptedFileStore({ service: 'mycli', dir, scrypt: { logN: 40, r: 8, p: 1 } }),
    ).toThrow(TypeError);
  });

  it('defaults its directory to latch/<service> under the configuration directory', () => {
    const store = new EncryptedFileStore({
      service: 'mycli',
      env: { XDG_CONFIG_HOME: '/cfg' },
      platform: 'linux',
    });
    expect(store.file).toBe('/cfg/latch/mycli/tokens.enc');
  });
});

describe('EncryptedFileStore with a passphrase', () => {
  it('round-trips, writes no key file and keeps the passphrase out of the file', async () => {
    const store = open({ passphrase: SECRET.passphrase });
    expect(store.keyFile).toBeUndefined();
    await store.save(ACCOUNT, SECRET_TOKENS);
    expect(await open({ passphrase: SECRET.passphrase }).load(ACCOUNT)).toEqual(SECRET_TOKENS);
    expect(await readdir(dir)).toEqual(['tokens.enc']);
    expect((await readFile(store.file)).includes(SECRET.passphrase)).toBe(false);
  });

  it('reports a wrong passphrase, and a missing one, without quoting either', async () => {
    await open({ passphrase: SECRET.passphrase }).save(ACCOUNT, SECRET_TOKENS);
    const wrong = await corruptionOf(open({ passphrase: `${SECRET.passphrase}x` }));
    expect(wrong.reason).toBe('wrong_key');
    expect(wrong.message).toContain('Check the passphrase');
    expectNoSecrets(wrong, [SECRET.passphrase.slice(9)]);
    const none = await corruptionOf(open());
    expect(none.message).toContain('passphrase');
  });

  it('reports a key-file store opened with a passphrase', async () => {
    await open().save(ACCOUNT, SECRET_TOKENS);
    const error = await corruptionOf(open({ passphrase: SECRET.passphrase }));
    expect(error.reason).toBe('wrong_key');
  });

  it('keeps the salt and cost across writes, and uses the default cost for new files', async () => {
    const store = open({ passphrase: SECRET.passphrase });
    await store.save(ACCOUNT, SECRET_TOKENS);
    const first = await readFile(store.file);
    await store.save('https://other.example#default', SECRET_TOKENS);
    const second = await readFile(store.file);
    expect(second.subarray(5, 25)).toEqual(first.subarray(5, 25));
    expect(second.subarray(41, 53)).not.toEqual(first.subarray(41, 53)); // a fresh nonce
    expect([...first.subarray(6, 9)]).toEqual([10, 8, 1]);
  });
});
