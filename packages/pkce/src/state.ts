import { randomBytes } from 'node:crypto';
import { base64url } from './encoding.js';

/** Options for {@link newState}. */
export interface NewStateOptions {
  /**
   * How many random bytes to draw. Defaults to 32 (256 bits); values under 16 (128 bits) throw.
   */
  bytes?: number;
  /** The source of randomness. Defaults to `crypto.randomBytes`. */
  randomBytes?: (size: number) => Uint8Array;
}

/**
 * Generates an unguessable `state` value for an authorization request: at least 128 random
 * bits, base64url-encoded, to bind the callback to the request that started it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12
 * @throws TypeError when fewer than 16 bytes are asked for or returned.
 * @example
 * ```ts
 * const state = newState(); // 43 characters, 256 bits
 * ```
 */
export function newState(options: NewStateOptions = {}): string {
  const size = options.bytes ?? 32;
  if (!Number.isInteger(size) || size < 16) {
    throw new TypeError('newState() needs at least 16 bytes (128 bits) of randomness');
  }
  const bytes = (options.randomBytes ?? randomBytes)(size);
  if (bytes.byteLength < size) {
    throw new TypeError(`randomBytes returned fewer than the ${size} bytes asked for`);
  }
  return base64url(bytes.subarray(0, size));
}
