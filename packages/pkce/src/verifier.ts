import { randomBytes } from 'node:crypto';
import { base64url } from './encoding.js';

/** The shortest code verifier RFC 7636 §4.1 allows. */
export const MIN_VERIFIER_LENGTH = 43;
/** The longest code verifier RFC 7636 §4.1 allows. */
export const MAX_VERIFIER_LENGTH = 128;

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Options for {@link generateVerifier}. */
export interface GenerateVerifierOptions {
  /**
   * The source of randomness; must return `size` cryptographically strong random bytes.
   * Defaults to `crypto.randomBytes`.
   */
  randomBytes?: (size: number) => Uint8Array;
}

/**
 * Generates a PKCE code verifier: 32 random bytes as 43 base64url characters.
 *
 * RFC 7636 §4.1: the verifier is "a high-entropy cryptographic random STRING" of 43 to 128
 * characters; §7.1 recommends 32 octets of randomness, base64url-encoded.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 * @throws TypeError when the injected `randomBytes` returns fewer than 32 bytes.
 * @example
 * ```ts
 * const verifier = generateVerifier(); // 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
 * ```
 */
export function generateVerifier(options: GenerateVerifierOptions = {}): string {
  const bytes = (options.randomBytes ?? randomBytes)(32);
  if (bytes.byteLength < 32) {
    throw new TypeError('randomBytes returned fewer than the 32 bytes a code verifier needs');
  }
  return base64url(bytes.byteLength === 32 ? bytes : bytes.subarray(0, 32));
}

/**
 * Tells whether a string is a valid PKCE code verifier: 43 to 128 characters from the
 * unreserved set `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.1
 * @example
 * ```ts
 * isValidVerifier(generateVerifier()); // true
 * isValidVerifier('too-short');        // false
 * ```
 */
export function isValidVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}
