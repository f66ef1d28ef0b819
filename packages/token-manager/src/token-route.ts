import { type JwtClaims, normalizeIssuer } from '@latch/core';

/**
 * What {@link usesCoreToken} decides on.
 * @internal
 */
export interface RouteInput {
  /** The manager's normalised issuer. */
  readonly issuer: string;
  /** The `aud` claim of the core token, when it is a readable JWT. */
  readonly coreAudience: readonly string[] | undefined;
  /** Where the token will be presented. */
  readonly resource: string;
  /** The RFC 8693 `audience` asked for, if any. */
  readonly audience: string | undefined;
}

/**
 * Whether the core token itself serves a request, so that no exchange is needed. Pure.
 *
 * 1. The resource is the issuer (compared in RFC 3986 normal form) and no audience is asked
 *    for: a single-host deployment, where the login token is the API token.
 * 2. The core token's `aud` already names the resource (and the audience, when one is asked
 *    for): a token issued for several audiences needs no exchange.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3 | RFC 7519 §4.1.3} (`aud`)
 * @internal
 */
export function usesCoreToken(input: RouteInput): boolean {
  if (input.audience === undefined && sameUri(input.resource, input.issuer)) return true;
  const aud = input.coreAudience;
  if (aud === undefined || !aud.some((value) => sameUri(value, input.resource))) return false;
  return input.audience === undefined || aud.includes(input.audience);
}

/**
 * The `aud` claim as a list, or `undefined` for an opaque token (no claims) or one without `aud`.
 * Pure.
 * @internal
 */
export function audienceOf(claims: JwtClaims | undefined): readonly string[] | undefined {
  const aud = claims?.aud;
  if (aud === undefined) return undefined;
  return typeof aud === 'string' ? [aud] : aud;
}

function sameUri(a: string, b: string): boolean {
  if (a === b) return true;
  return normalized(a) === normalized(b) && normalized(a) !== undefined;
}

function normalized(uri: string): string | undefined {
  try {
    return normalizeIssuer(uri);
  } catch {
    return undefined;
  }
}
