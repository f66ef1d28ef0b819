import { type JwtClaims, readJwtClaims, type TokenSet } from '@latch/core';

/**
 * How the manager judges a token's expiry.
 * @internal
 */
export interface ExpiryPolicy {
  /** Refresh this long before expiry, in ms (capped at half the token's lifetime when known). */
  readonly skewMs: number;
  /**
   * The server's clock minus ours, in ms, as last learned (see {@link learnClockOffset}).
   * Applied to JWT `exp`, which is on the server's clock; `expiresAt` is on ours already.
   */
  readonly clockOffsetMs: number;
}

/**
 * The instant, on the local clock, from which `tokens` counts as expired or near expiry: the
 * JWT `exp` when the access token is a readable JWT (moved to our clock by the learned offset),
 * else the stored `expiresAt`; minus the skew, which is capped at half the token's lifetime when
 * it is known so that short-lived tokens are not refreshed at every use. Pure.
 *
 * @param tokens - The access token and the stored expiry.
 * @param policy - Skew and clock offset.
 * @returns Epoch milliseconds, or `Infinity` when the token states no expiry (an opaque token
 *   without `expiresAt` is treated as live until a resource server refuses it).
 * @see {@link https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4 | RFC 7519 §4.1.4}
 * @internal
 */
export function refreshDeadline(
  tokens: Pick<TokenSet, 'accessToken' | 'expiresAt'>,
  policy: ExpiryPolicy,
  claims: JwtClaims | undefined = readClaims(tokens.accessToken),
): number {
  if (claims?.exp !== undefined) {
    const lifetimeMs = claims.iat === undefined ? undefined : (claims.exp - claims.iat) * 1000;
    return claims.exp * 1000 - policy.clockOffsetMs - effectiveSkew(policy.skewMs, lifetimeMs);
  }
  if (tokens.expiresAt !== undefined) return tokens.expiresAt - policy.skewMs;
  return Number.POSITIVE_INFINITY;
}

/**
 * The clock offset to use after this manager redeemed a refresh token itself. Pure.
 *
 * A fresh token that already looks near expiry on our clock means our clock runs ahead of the
 * server's (a clock jump, a badly set clock): every later check would refresh again. Then the
 * offset becomes the server's `iat` minus the time the request was sent. Otherwise it is 0: the
 * clocks agree well enough, and an offset learned earlier (before the clock was corrected) is
 * dropped. Only the manager's own refreshes teach it, so one clock jump costs at most one
 * refresh per process.
 *
 * @param tokens - The tokens the refresh returned.
 * @param sentAt - Our clock when the request was sent.
 * @param receivedAt - Our clock when the answer arrived.
 * @param skewMs - The configured skew.
 * @returns The offset to use from now on, in ms (server minus local).
 * @internal
 */
export function learnClockOffset(
  tokens: Pick<TokenSet, 'accessToken' | 'expiresAt'>,
  sentAt: number,
  receivedAt: number,
  skewMs: number,
): number {
  const claims = readClaims(tokens.accessToken);
  if (claims?.exp === undefined || claims.iat === undefined) return 0;
  const deadline = refreshDeadline(tokens, { skewMs, clockOffsetMs: 0 }, claims);
  return deadline > receivedAt ? 0 : claims.iat * 1000 - sentAt;
}

function effectiveSkew(skewMs: number, lifetimeMs: number | undefined): number {
  if (lifetimeMs === undefined || !(lifetimeMs > 0)) return skewMs;
  return Math.min(skewMs, lifetimeMs / 2);
}

/**
 * The claims of a token when it looks like a JWS compact JWT (three dot-separated parts), read
 * without verification; `undefined` for opaque tokens, which never reach the JWT decoder (its
 * exception, with a stack trace, costs more than the rest of a cached lookup). Pure.
 * @internal
 */
export function readClaims(token: string): JwtClaims | undefined {
  const first = token.indexOf('.');
  if (first <= 0 || token.indexOf('.', first + 1) < 0) return undefined;
  return readJwtClaims(token);
}
