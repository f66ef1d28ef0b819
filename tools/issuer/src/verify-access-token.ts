import { type KeyObject, verify } from 'node:crypto';

/** The claims of a JWT access token this issuer signed (RFC 9068 §2.2). */
export interface AccessTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | readonly string[];
  readonly client_id: string;
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

/** What {@link verifyAccessToken} checks a token against. */
export interface VerifyAccessTokenOptions {
  /** The issuer's RS256 public key. */
  readonly publicKey: KeyObject;
  /** The `kid` the token header must carry. */
  readonly kid: string;
  /** The expected `iss`. */
  readonly issuer: string;
  /** The current time in epoch seconds. */
  readonly now: number;
}

/**
 * Verifies a JWT access token the issuer minted itself: compact JWS, header `alg: RS256`,
 * `typ: at+jwt` and our `kid`, a valid signature, `iss` equal to the issuer, and `exp` in the
 * future. Used by token exchange to accept a `subject_token` (JWT access tokens are not stored,
 * so there is nothing to look up).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 * @throws Error with a short reason when any check fails (the reason is for logs, never for
 *   the client: RFC 8693 §2.2.2 answers all of them with `invalid_request`).
 */
export function verifyAccessToken(
  token: string,
  options: VerifyAccessTokenOptions,
): AccessTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJson(headerPart, 'header');
  if (header.alg !== 'RS256') throw new Error('unexpected alg');
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'at+jwt') {
    throw new Error('not an access token (typ)');
  }
  if (header.kid !== options.kid) throw new Error('unknown kid');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!verify('RSA-SHA256', signed, options.publicKey, signature)) {
    throw new Error('bad signature');
  }
  const claims = decodeJson(payloadPart, 'payload');
  if (claims.iss !== options.issuer) throw new Error('wrong issuer');
  if (typeof claims.exp !== 'number' || claims.exp <= options.now) throw new Error('expired');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('no sub');
  if (typeof claims.client_id !== 'string') throw new Error('no client_id');
  return claims as unknown as AccessTokenClaims;
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new Error(`${what} is not base64url JSON`, { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
