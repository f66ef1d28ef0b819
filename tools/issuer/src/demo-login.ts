import { createHash, randomBytes } from 'node:crypto';

/** Options of {@link Issuer.login}. */
export interface DemoLoginOptions {
  /** The scope to ask for. Default `openid profile email offline_access api:read`. */
  readonly scope?: string;
  /** An RFC 8707 resource indicator for the access token. Default: the issuer's `api`. */
  readonly resource?: string;
  /** Aborts the login. */
  readonly signal?: AbortSignal;
}

/** The tokens of a demo login, as the token endpoint returned them (snake_case, unparsed). */
export interface DemoLoginTokens {
  /** The access token (a JWT with `aud`). */
  readonly access_token: string;
  /** `Bearer`. */
  readonly token_type: string;
  /** Seconds until the access token expires. */
  readonly expires_in: number;
  /** The refresh token (issued whenever the client may refresh). */
  readonly refresh_token: string;
  /** The ID token, when `openid` was asked for. */
  readonly id_token?: string;
  /** The granted scope. */
  readonly scope?: string;
  /** The redirect URI the login used, on a free loopback port. */
  readonly redirect_uri: string;
}

/** What a demo login needs from the issuer. */
export interface DemoLoginContext {
  readonly url: string;
  readonly clientId: string;
  authorize(authorizationUrl: string, options?: { signal?: AbortSignal }): Promise<string>;
}

/**
 * Logs the demo user in as the `latch-cli` client, entirely over HTTP: an authorization code
 * request with PKCE S256 walked through the issuer's pages, then the code redeemed at the
 * token endpoint. For tests that need a session to start from; the client side here is
 * deliberately bare (no latch package), so it cannot hide a bug in the code under test.
 *
 * @throws Error when the issuer refuses any step.
 */
export async function demoLogin(
  issuer: DemoLoginContext,
  options: DemoLoginOptions = {},
): Promise<DemoLoginTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const redirectUri = `http://127.0.0.1:${20_000 + Math.floor(Math.random() * 40_000)}/callback`;
  const authorization = new URL('/auth', issuer.url);
  authorization.search = new URLSearchParams({
    client_id: issuer.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: options.scope ?? 'openid profile email offline_access api:read',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.resource === undefined ? {} : { resource: options.resource }),
  }).toString();
  const signal = options.signal;
  const redirect = new URL(
    await issuer.authorize(authorization.href, signal === undefined ? {} : { signal }),
  );
  const code = redirect.searchParams.get('code');
  if (code === null || redirect.searchParams.get('state') !== state) {
    throw new Error(
      `the demo login did not come back with a code (${redirect.searchParams.get('error') ?? 'no error'})`,
    );
  }
  const response = await fetch(new URL('/token', issuer.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: issuer.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      ...(options.resource === undefined ? {} : { resource: options.resource }),
    }),
    ...(signal === undefined ? {} : { signal }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(
      `the demo login's code exchange failed: ${String(body.error ?? response.status)}`,
    );
  }
  return { ...(body as unknown as DemoLoginTokens), redirect_uri: redirectUri };
}
