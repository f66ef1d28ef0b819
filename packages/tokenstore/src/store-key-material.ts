import { scrypt } from 'node:crypto';
import { CorruptStoreError } from './errors.js';
import { createFileExclusive, readIfExists } from './file-io.js';
import { KEY_BYTES, type ScryptParams } from './sealed-file.js';

// A key file: magic "LTKY", format version 1, then the 32 random key bytes.
const KEY_FILE_MAGIC = Buffer.from('LTKY', 'latin1');
const KEY_FILE_BYTES = KEY_FILE_MAGIC.length + 1 + KEY_BYTES;

/** Random bytes, as `crypto.randomBytes` returns them. */
export type RandomBytes = (size: number) => Uint8Array;

function damagedKeyFile(keyPath: string, dataPath: string): CorruptStoreError {
  return new CorruptStoreError(
    `The key file ${keyPath} is damaged, so ${dataPath} cannot be decrypted; delete both files ` +
      'and log in again.',
    { location: keyPath, reason: 'wrong_key' },
  );
}

/**
 * Reads the store's key file.
 *
 * @returns The 32-byte key, or `undefined` when there is no key file.
 * @throws {@link CorruptStoreError} when the key file is not a valid key file.
 * @internal
 */
export async function readKeyFile(keyPath: string, dataPath: string): Promise<Buffer | undefined> {
  const bytes = await readIfExists(keyPath);
  if (bytes === undefined) return undefined;
  if (
    bytes.length !== KEY_FILE_BYTES ||
    !bytes.subarray(0, KEY_FILE_MAGIC.length).equals(KEY_FILE_MAGIC) ||
    bytes[KEY_FILE_MAGIC.length] !== 1
  ) {
    throw damagedKeyFile(keyPath, dataPath);
  }
  return Buffer.from(bytes.subarray(KEY_FILE_MAGIC.length + 1));
}

/**
 * Returns the store's key, creating the key file (mode 0600) with a fresh random key when there
 * is none. Of several processes racing to create it, one wins and all use its key.
 *
 * @internal
 */
export async function readOrCreateKeyFile(
  keyPath: string,
  dataPath: string,
  randomBytes: RandomBytes,
): Promise<Buffer> {
  const existing = await readKeyFile(keyPath, dataPath);
  if (existing !== undefined) return existing;
  const key = Buffer.from(randomBytes(KEY_BYTES));
  if (key.length !== KEY_BYTES) throw new TypeError('randomBytes returned too few bytes');
  const file = Buffer.concat([KEY_FILE_MAGIC, Buffer.from([1]), key]);
  const suffix = Buffer.from(randomBytes(8)).toString('hex');
  if (await createFileExclusive(keyPath, file, suffix)) return key;
  const winner = await readKeyFile(keyPath, dataPath);
  if (winner === undefined) throw damagedKeyFile(keyPath, dataPath);
  return winner;
}

/**
 * Derives the 32-byte store key from a passphrase with scrypt (RFC 7914), on the thread pool.
 * The passphrase is NFC-normalised first, so the same words typed on two systems match.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7914#section-2 | RFC 7914 §2}
 * @internal
 */
export function derivePassphraseKey(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES,
      { N, r: params.r, p: params.p, maxmem: 128 * N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
