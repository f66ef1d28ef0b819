import { readJwtClaims, type TokenSet } from '@latch/core';

/** What `latch login` and `latch status` report about a session; no secret in it. */
export interface SessionSummary {
  /** Logged in or not. */
  readonly loggedIn: boolean;
  /** The issuer. */
  readonly issuer: string;
  /** The profile. */
  readonly profile: string;
  /** Who: the ID token's `email` or `sub`, when there is an ID token. */
  readonly user: string | undefined;
  /** The ID token's `sub`. */
  readonly subject: string | undefined;
  /** When the access token expires (ISO 8601), when known. */
  readonly accessTokenExpiresAt: string | undefined;
  /** Whether the access token has expired. */
  readonly expired: boolean;
  /** Whether a refresh token is stored. */
  readonly refreshToken: boolean;
  /** The granted scope. */
  readonly scope: string | undefined;
  /** The store backend. */
  readonly storage: string;
}

/** Summarises a token set without revealing any token. Pure but for `now`. */
export function describeLogin(
  issuer: string,
  profile: string,
  storage: string,
  tokens: TokenSet,
  now: number = Date.now(),
): SessionSummary {
  const id = tokens.idToken === undefined ? undefined : readJwtClaims(tokens.idToken);
  const subject = typeof id?.sub === 'string' ? id.sub : undefined;
  const email = typeof id?.email === 'string' ? id.email : undefined;
  return {
    loggedIn: true,
    issuer,
    profile,
    user: email ?? subject,
    subject,
    accessTokenExpiresAt:
      tokens.expiresAt === undefined ? undefined : new Date(tokens.expiresAt).toISOString(),
    expired: tokens.expiresAt !== undefined && tokens.expiresAt <= now,
    refreshToken: tokens.refreshToken !== undefined,
    scope: tokens.scope,
    storage,
  };
}
