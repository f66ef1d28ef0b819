/** The raw token response of the embedded issuer's `login()`. */
export interface RawLoginTokens {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: number;
  readonly id_token?: string;
  readonly scope?: string;
}

/** Anything that can log the demo user in: the embedded issuer. */
export interface DemoLoginSource {
  login(options?: { scope?: string }): Promise<RawLoginTokens>;
}

/** A logged-in demo session, shaped like `@latch/core`'s `TokenSet`. */
export interface DemoSession {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly idToken?: string;
  readonly scope?: string;
}

/**
 * Logs the demo user in on the embedded issuer and returns the session in `TokenSet` shape, for
 * tests whose subject starts from a stored session (refresh, exchange, token manager).
 */
export async function demoSession(issuer: DemoLoginSource, scope?: string): Promise<DemoSession> {
  const before = Date.now();
  const raw = await issuer.login(scope === undefined ? {} : { scope });
  return {
    accessToken: raw.access_token,
    tokenType: 'Bearer',
    refreshToken: raw.refresh_token,
    expiresAt: before + raw.expires_in * 1000,
    ...(raw.id_token === undefined ? {} : { idToken: raw.id_token }),
    ...(raw.scope === undefined ? {} : { scope: raw.scope }),
  };
}
