import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptStoreError } from './errors.js';
import { derivePassphraseKey, readKeyFile, readOrCreateKeyFile } from './store-key-material.js';
import { tempDir } from './test-support/temp-dir.js';

let dir: string;
let removeDir: () => Promise<void>;
beforeEach(async () => {
  const temp = await tempDir();
  dir = temp.path;
  removeDir = temp.remove;
});
afterEach(() => removeDir());

describe('key file', () => {
  it('is created once, 0600, and every racer gets the same key', async () => {
    const keyFile = join(dir, 'key');
    expect(await readKeyFile(keyFile, 'data')).toBeUndefined();
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => readOrCreateKeyFile(keyFile, 'data', randomBytes)),
    );
    for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
    expect(keys[0]?.length).toBe(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const file = await readFile(keyFile);
    expect(file.subarray(0, 5)).toEqual(Buffer.from('LTKY\u0001', 'latin1'));
    expect(await readKeyFile(keyFile, 'data')).toEqual(keys[0]);
  });

  it('reports a damaged key file as CorruptStoreError naming it', async () => {
    const keyFile = join(dir, 'key');
    await writeFile(keyFile, 'not a key');
    const error = await readKeyFile(keyFile, '/d/tokens.enc').catch((e: unknown) => e);
    expect(CorruptStoreError.isInstance(error)).toBe(true);
    expect((error as CorruptStoreError).location).toBe(keyFile);
    expect((error as CorruptStoreError).message).toContain('/d/tokens.enc');
  });
});

describe('derivePassphraseKey', () => {
  const params = { logN: 10, r: 8, p: 1 };
  const salt = Buffer.alloc(16, 7);

  it('is scrypt: deterministic per passphrase and salt, 32 bytes', async () => {
    const a = await derivePassphraseKey('correct horse', salt, params);
    expect(a.length).toBe(32);
    expect(await derivePassphraseKey('correct horse', salt, params)).toEqual(a);
    expect(await derivePassphraseKey('correct horsf', salt, params)).not.toEqual(a);
    expect(await derivePassphraseKey('correct horse', Buffer.alloc(16, 8), params)).not.toEqual(a);
  });

  it('normalises the passphrase to NFC', async () => {
    const composed = await derivePassphraseKey('caf\u00e9', salt, params);
    expect(await derivePassphraseKey('cafe\u0301', salt, params)).toEqual(composed);
  });
});
