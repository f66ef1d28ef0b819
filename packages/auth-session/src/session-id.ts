/** How many random bytes a session or instance id carries: 16 (128 bits). */
export const ID_BYTES = 16;

/**
 * Makes an unguessable id: 128 random bits, base64url, after a readable prefix.
 *
 * @param prefix - `auth-` for sessions, `inst-` for manager instances.
 * @param randomBytes - The random source.
 * @returns E.g. `auth-3q2-7wE1x4YbQqvZ0mN9kA`.
 * @throws TypeError when the random source returns fewer than 16 bytes.
 * @internal
 */
export function newId(prefix: string, randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(ID_BYTES);
  if (!(bytes instanceof Uint8Array) || bytes.length < ID_BYTES) {
    throw new TypeError('options.randomBytes must return the number of bytes asked for');
  }
  return prefix + Buffer.from(bytes.subarray(0, ID_BYTES)).toString('base64url');
}
