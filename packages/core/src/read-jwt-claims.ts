import { decodeJwt } from 'jose';

/**
 * The claims of a JWT as {@link readJwtClaims} returns them. Registered claims latch relies on
 * are present only when they have their RFC 7519 type; any other claim is as the token has it.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7519#section-4.1 | RFC 7519 §4.1}
 */
export interface JwtClaims {
  /** `iss`: the issuer. */
  readonly iss?: string;
  /** `sub`: the subject. */
  readonly sub?: string;
  /** `aud`: the audience(s). */
  readonly aud?: string | readonly string[];
  /** `exp`: expiry, in seconds since the epoch. */
  readonly exp?: number;
  /** `nbf`: not before, in seconds since the epoch. */
  readonly nbf?: number;
  /** `iat`: issued at, in seconds since the epoch. */
  readonly iat?: number;
  /** `jti`: the token's id. */
  readonly jti?: string;
  /** Any other claim. */
  readonly [claim: string]: unknown;
}

const JWS_COMPACT = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const NUMERIC = ['exp', 'nbf', 'iat'] as const;
const TEXT = ['iss', 'sub', 'jti'] as const;

/**
 * Reads the claims of a JWT WITHOUT verifying its signature — for hints about a token the
 * client holds (when it expires, whom it is for), never for trusting what it says.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7519#section-7.2 | RFC 7519 §7.2}
 * @param token - A token, JWT or opaque.
 * @returns The claims, or `undefined` when `token` is not a JWS-compact JWT with a JSON object
 *   payload (opaque tokens, encrypted JWTs).
 * @example
 * ```ts
 * const exp = readJwtClaims(tokens.accessToken)?.exp; // seconds, or undefined
 * ```
 */
export function readJwtClaims(token: string): JwtClaims | undefined {
  // Opaque tokens are common; turning them away here is far cheaper than a throw inside jose.
  if (typeof token !== 'string' || !JWS_COMPACT.test(token)) return undefined;
  let payload: Record<string, unknown>;
  try {
    payload = { ...decodeJwt(token) };
  } catch {
    return undefined;
  }
  for (const name of NUMERIC) {
    if (name in payload && (typeof payload[name] !== 'number' || !Number.isFinite(payload[name]))) {
      delete payload[name];
    }
  }
  for (const name of TEXT) {
    if (name in payload && typeof payload[name] !== 'string') delete payload[name];
  }
  const aud = payload.aud;
  if (
    aud !== undefined &&
    typeof aud !== 'string' &&
    !(Array.isArray(aud) && aud.every((item) => typeof item === 'string'))
  ) {
    delete payload.aud;
  }
  return payload as JwtClaims;
}
