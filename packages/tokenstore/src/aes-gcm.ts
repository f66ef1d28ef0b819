import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

// The package's one use of AES-256-GCM, shared by the sealed file and the Redis entries:
// a 32-byte key, a fresh random 12-byte nonce per write, a 16-byte tag after the ciphertext,
// and whatever names the value (its header, its Redis key) authenticated as additional data.

/** Bytes of an AES-256 key. */
export const KEY_BYTES = 32;
/** Bytes of a GCM nonce. */
export const NONCE_BYTES = 12;
/** Bytes of a GCM authentication tag. */
export const TAG_BYTES = 16;

/**
 * Encrypts `plaintext` with AES-256-GCM. Pure, given its `nonce`.
 *
 * @param plaintext - What to encrypt.
 * @param key - The 32-byte key.
 * @param nonce - A fresh random 12-byte nonce: never reuse one with the same key.
 * @param aad - Additional data to authenticate (not stored in the result).
 * @returns The ciphertext followed by the 16-byte tag.
 * @throws TypeError for a key or nonce of the wrong length.
 * @internal
 */
export function gcmSeal(
  plaintext: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
): Buffer {
  if (key.length !== KEY_BYTES) throw new TypeError('The store key must be 32 bytes');
  if (nonce.length !== NONCE_BYTES) throw new TypeError('The nonce must be 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/**
 * Decrypts and authenticates what {@link gcmSeal} returned. Pure.
 *
 * @param sealed - The ciphertext followed by the tag (at least 16 bytes).
 * @param key - The 32-byte key.
 * @param nonce - The nonce it was sealed with.
 * @param aad - The additional data it was sealed with.
 * @returns The plaintext, or `undefined` when authentication fails (another key, another
 *   `aad`, any changed byte).
 * @internal
 */
export function gcmOpen(
  sealed: Uint8Array,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
): Buffer | undefined {
  if (sealed.length < TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

/**
 * A public fingerprint of a key: the first `bytes` bytes of HMAC-SHA256(key, `label`). It
 * tells keys apart without revealing them. Pure.
 *
 * @internal
 */
export function keyFingerprint(key: Uint8Array, label: string, bytes: number): Buffer {
  return createHmac('sha256', key).update(label).digest().subarray(0, bytes);
}
