import { createHash } from 'node:crypto';
import { isValidVerifier } from './verifier.js';

/**
 * The only code challenge method latch sends. `plain` is never offered: RFC 7636 §4.2 allows it
 * only when S256 cannot be computed, which is never the case on Node.
 */
export const CODE_CHALLENGE_METHOD = 'S256';

/**
 * Computes the S256 code challenge of a verifier: `BASE64URL(SHA256(ASCII(code_verifier)))`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 * @throws TypeError when `verifier` is not a valid code verifier (RFC 7636 §4.1).
 * @example
 * ```ts
 * challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
 * // 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' (RFC 7636 Appendix B)
 * ```
 */
export function challenge(verifier: string): string {
  if (typeof verifier !== 'string' || !isValidVerifier(verifier)) {
    throw new TypeError(
      'challenge() needs a code verifier of 43 to 128 unreserved characters (RFC 7636 §4.1); use generateVerifier()',
    );
  }
  return createHash('sha256').update(verifier).digest('base64url');
}
