/** How many random bytes a pending id carries: 256 bits, 43 base64url characters. */
export const PENDING_ID_BYTES = 32;

/** The fewest random bytes accepted from an injected `randomBytes`: 128 bits. */
const MIN_ID_BYTES = 16;

/**
 * Makes a fresh pending id: {@link PENDING_ID_BYTES} random bytes, base64url without padding,
 * so it is safe in a URL path or query without escaping.
 *
 * @param randomBytes - The source of random bytes (`crypto.randomBytes` by default in the
 *   manager).
 * @returns The id.
 * @throws TypeError when `randomBytes` returns fewer than 16 bytes.
 * @example
 * ```ts
 * newPendingId((n) => crypto.getRandomValues(new Uint8Array(n))); // 'mT3v…' (43 characters)
 * ```
 */
export function newPendingId(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(PENDING_ID_BYTES);
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_ID_BYTES) {
    throw new TypeError(`randomBytes must return a Uint8Array of at least ${MIN_ID_BYTES} bytes`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
}
