import { readJwtClaims, type TokenSet } from '@latch/core';
import { NonceMismatchError } from './nonce-mismatch-error.js';

/**
 * Checks that an `openid` login's ID token carries the nonce the request sent. The claims are
 * read, not verified: this binds the tokens to this login, it does not authenticate them.
 *
 * @param tokens - The token response.
 * @param nonce - The nonce sent, or `undefined` when none was (nothing to check).
 * @throws {@link NonceMismatchError} when the ID token is missing or its `nonce` differs.
 * @internal
 */
export function checkNonce(tokens: TokenSet, nonce: string | undefined): void {
  if (nonce === undefined) return;
  if (tokens.idToken === undefined) throw new NonceMismatchError({ idTokenPresent: false });
  if (readJwtClaims(tokens.idToken)?.nonce !== nonce) {
    throw new NonceMismatchError({ idTokenPresent: true });
  }
}
