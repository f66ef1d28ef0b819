import { timingSafeEqual } from 'node:crypto';
import { gcmOpen, gcmSeal, KEY_BYTES, keyFingerprint, NONCE_BYTES, TAG_BYTES } from './aes-gcm.js';
import type { CorruptStoreReason } from './errors.js';

// The layout of an encrypted store file (all of the header is authenticated as AAD):
//
//   offset size
//        0    4  magic "LTCH"
//        4    1  format version (1)
//        5    1  key kind: 1 = random key from the key file, 2 = scrypt of a passphrase
//        6    3  scrypt log2(N), r, p (all 0 for a key file)
//        9   16  scrypt salt (all 0 for a key file)
//       25   16  key check: HMAC-SHA256(key, "latch-tokenstore key check v1"), first 16 bytes
//       41   12  AES-256-GCM nonce, fresh for every write
//       53    n  ciphertext
//   53 + n   16  GCM authentication tag

/** The magic bytes every store file starts with. */
const MAGIC = Buffer.from('LTCH', 'latin1');
/** The format version this module writes and reads. */
export const SEALED_FILE_VERSION = 1;
/** Bytes before the ciphertext. */
export const HEADER_BYTES = 53;
/** Bytes of a scrypt salt. */
export const SALT_BYTES = 16;
/** The AES-256-GCM sizes, from `aes-gcm.ts`, where the file store has always found them. */
export { KEY_BYTES, NONCE_BYTES };

const KEY_CHECK_LABEL = 'latch-tokenstore key check v1';

/** The scrypt cost parameters (RFC 7914 §2) stored in a passphrase file's header. */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  /** The block size r. */
  readonly r: number;
  /** The parallelisation p. */
  readonly p: number;
}

/** How the key of a store file is obtained. */
export type SealedKeyKind =
  | { readonly kind: 'key-file' }
  | { readonly kind: 'passphrase'; readonly scrypt: ScryptParams; readonly salt: Buffer };

/** A parsed header. */
export type SealedHeader = SealedKeyKind & { readonly keyCheck: Buffer; readonly nonce: Buffer };

/** The result of a parse step: a value, or why the file is unreadable. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: CorruptStoreReason; readonly detail: string };

/** Whether scrypt parameters are within the bounds this package writes and accepts. */
export function validScryptParams(params: ScryptParams): boolean {
  const { logN, r, p } = params;
  return (
    Number.isInteger(logN) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    logN >= 10 &&
    logN <= 22 &&
    r >= 1 &&
    r <= 32 &&
    p >= 1 &&
    p <= 4 &&
    // Memory scrypt needs: 128·N·r bytes; refuse a header that would ask for more than 256 MiB.
    128 * 2 ** logN * r <= 256 * 1024 * 1024
  );
}

function keyCheck(key: Uint8Array): Buffer {
  return keyFingerprint(key, KEY_CHECK_LABEL, 16);
}

const fail = (reason: CorruptStoreReason, detail: string): Parsed<never> => ({
  ok: false,
  reason,
  detail,
});

/**
 * Encrypts `plaintext` into a complete store file. Pure, given its `nonce`.
 *
 * @param plaintext - What to encrypt.
 * @param key - The 32-byte AES-256 key.
 * @param kind - How the key was obtained (stored in the header).
 * @param nonce - A fresh random 12-byte nonce: never reuse one with the same key.
 * @returns The file's bytes.
 */
export function sealFile(
  plaintext: Uint8Array,
  key: Uint8Array,
  kind: SealedKeyKind,
  nonce: Uint8Array,
): Buffer {
  if (key.length !== KEY_BYTES) throw new TypeError('The store key must be 32 bytes');
  if (nonce.length !== NONCE_BYTES) throw new TypeError('The nonce must be 12 bytes');
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[4] = SEALED_FILE_VERSION;
  if (kind.kind === 'passphrase') {
    if (!validScryptParams(kind.scrypt) || kind.salt.length !== SALT_BYTES) {
      throw new TypeError('Invalid scrypt parameters or salt');
    }
    header[5] = 2;
    header[6] = kind.scrypt.logN;
    header[7] = kind.scrypt.r;
    header[8] = kind.scrypt.p;
    kind.salt.copy(header, 9);
  } else {
    header[5] = 1;
  }
  keyCheck(key).copy(header, 25);
  Buffer.from(nonce).copy(header, 41);
  return Buffer.concat([header, gcmSeal(plaintext, key, nonce, header)]);
}

/**
 * Reads and checks a store file's header (not yet its authenticity, which needs the key). Pure.
 *
 * @param file - The whole file.
 * @returns The header, or why the file is unreadable.
 */
export function parseSealedHeader(file: Uint8Array): Parsed<SealedHeader> {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < HEADER_BYTES + TAG_BYTES) {
    return fail('truncated', `it is ${bytes.length} bytes long, shorter than any store file`);
  }
  if (!bytes.subarray(0, 4).equals(MAGIC)) {
    return fail('not_a_store', 'it does not start with the store’s magic bytes');
  }
  if (bytes[4] !== SEALED_FILE_VERSION) {
    return fail('unsupported_version', `it has format version ${bytes[4]}, not 1`);
  }
  const keyCheckBytes = Buffer.from(bytes.subarray(25, 41));
  const nonce = Buffer.from(bytes.subarray(41, 53));
  const scrypt = { logN: bytes[6] ?? 0, r: bytes[7] ?? 0, p: bytes[8] ?? 0 };
  const salt = Buffer.from(bytes.subarray(9, 25));
  if (bytes[5] === 1) {
    if (scrypt.logN !== 0 || scrypt.r !== 0 || scrypt.p !== 0 || salt.some((b) => b !== 0)) {
      return fail('bad_header', 'its key-file header carries scrypt parameters');
    }
    return { ok: true, value: { kind: 'key-file', keyCheck: keyCheckBytes, nonce } };
  }
  if (bytes[5] === 2) {
    if (!validScryptParams(scrypt)) {
      return fail('bad_header', 'its scrypt parameters are out of range');
    }
    return {
      ok: true,
      value: { kind: 'passphrase', scrypt, salt, keyCheck: keyCheckBytes, nonce },
    };
  }
  return fail('bad_header', 'its key kind is unknown');
}

/**
 * Checks the key against the header and decrypts the file. Pure.
 *
 * @param file - The whole file, whose header `header` was parsed from.
 * @param header - From {@link parseSealedHeader}.
 * @param key - The 32-byte key from the key file or the passphrase.
 * @returns The plaintext, or why the file cannot be opened with this key.
 */
export function openSealedFile(
  file: Uint8Array,
  header: SealedHeader,
  key: Uint8Array,
): Parsed<Buffer> {
  if (!timingSafeEqual(keyCheck(key), header.keyCheck)) {
    return fail('wrong_key', 'it was sealed with another key');
  }
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const aad = bytes.subarray(0, HEADER_BYTES);
  const plaintext = gcmOpen(bytes.subarray(HEADER_BYTES), key, header.nonce, aad);
  if (plaintext === undefined) {
    return fail('tampered', 'its authentication tag does not match (damaged or modified)');
  }
  return { ok: true, value: plaintext };
}
