import { gcmOpen, gcmSeal, keyFingerprint, NONCE_BYTES, TAG_BYTES } from './aes-gcm.js';
import type { CorruptStoreReason } from './errors.js';
import type { Parsed } from './sealed-file.js';

// One Redis value holds one account's token set:
//
//   v1.<keyId>.<base64url(nonce ‖ ciphertext ‖ tag)>
//
// - `v1`: the format version;
// - `keyId`: 16 hex digits, the first 8 bytes of HMAC-SHA256(key, "latch-tokenstore redis key
//   id v1") — public, so a read picks its key (current or previous) without trial decryption;
// - AES-256-GCM with a fresh random 12-byte nonce per write; the additional authenticated data
//   is the full Redis key name, so a value copied under another key fails authentication.

/** The format version this module writes and reads. */
const VERSION = 'v1';
const KEY_ID_LABEL = 'latch-tokenstore redis key id v1';
const KEY_ID_BYTES = 8;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SOME_VERSION = /^v[0-9]{1,6}$/;

/** A parsed entry, not yet authenticated. */
export interface RedisEntry {
  /** The public id of the key it was sealed with. */
  readonly keyId: string;
  /** The GCM nonce. */
  readonly nonce: Buffer;
  /** The ciphertext followed by the tag. */
  readonly sealed: Buffer;
}

const fail = (reason: CorruptStoreReason, detail: string): Parsed<never> => ({
  ok: false,
  reason,
  detail,
});

/**
 * The public id of an entry key: 16 hex digits that name the key without revealing it. Pure.
 *
 * @internal
 */
export function redisKeyId(key: Uint8Array): string {
  return keyFingerprint(key, KEY_ID_LABEL, KEY_ID_BYTES).toString('hex');
}

/**
 * Seals `plaintext` into an entry string. Pure, given its `nonce`.
 *
 * @param plaintext - The token set's JSON.
 * @param key - The 32-byte key.
 * @param nonce - A fresh random 12-byte nonce.
 * @param redisKey - The full Redis key the entry is written under (authenticated).
 * @throws TypeError for a key or nonce of the wrong length.
 * @internal
 */
export function sealRedisEntry(
  plaintext: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array,
  redisKey: string,
): string {
  const sealed = gcmSeal(plaintext, key, nonce, Buffer.from(redisKey, 'utf8'));
  const payload = Buffer.concat([nonce, sealed]).toString('base64url');
  return `${VERSION}.${redisKeyId(key)}.${payload}`;
}

/**
 * Splits an entry string into its parts, checking their form (not yet their authenticity,
 * which needs the key). Pure. Details never quote the entry.
 *
 * @internal
 */
export function parseRedisEntry(text: string): Parsed<RedisEntry> {
  const parts = text.split('.');
  const [version = '', keyId = '', payload = ''] = parts;
  if (version !== VERSION) {
    return SOME_VERSION.test(version)
      ? fail('unsupported_version', `it has format version ${version}, not ${VERSION}`)
      : fail('not_a_store', 'it is not an encrypted token entry');
  }
  if (parts.length !== 3 || !KEY_ID.test(keyId) || !BASE64URL.test(payload)) {
    return fail('bad_header', 'its key id or payload is malformed');
  }
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) {
    return fail('truncated', `its payload is ${bytes.length} bytes, shorter than any entry`);
  }
  // Only the canonical spelling is accepted: no two strings decode to one entry.
  if (bytes.toString('base64url') !== payload) {
    return fail('bad_header', 'its payload is not canonical base64url');
  }
  return {
    ok: true,
    value: { keyId, nonce: bytes.subarray(0, NONCE_BYTES), sealed: bytes.subarray(NONCE_BYTES) },
  };
}

/**
 * Authenticates and decrypts a parsed entry. Pure.
 *
 * @param entry - From {@link parseRedisEntry}.
 * @param key - The key whose id is `entry.keyId`.
 * @param redisKey - The full Redis key the entry was read from.
 * @returns The plaintext, or `tampered` when authentication fails.
 * @internal
 */
export function openRedisEntry(
  entry: RedisEntry,
  key: Uint8Array,
  redisKey: string,
): Parsed<Buffer> {
  const plaintext = gcmOpen(entry.sealed, key, entry.nonce, Buffer.from(redisKey, 'utf8'));
  if (plaintext === undefined) {
    return fail('tampered', 'it failed authentication (modified, or copied from another key)');
  }
  return { ok: true, value: plaintext };
}
