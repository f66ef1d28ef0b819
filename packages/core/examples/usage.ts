import { discoverIssuer, OAuthError, requestToken, type TokenSet } from '@latch/core';

/**
 * Trades a refresh token for fresh tokens at any standards issuer. Returns `undefined` when the
 * session is over and the user must log in again.
 */
export async function refreshSession(
  issuer: string,
  clientId: string,
  refreshToken: string,
): Promise<TokenSet | undefined> {
  // RFC 8414 first, then OpenID discovery; the document must name the issuer asked for.
  const metadata = await discoverIssuer(issuer);
  try {
    return await requestToken(
      metadata.tokenEndpoint,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { client: { clientId }, timeoutMs: 10_000 },
    );
  } catch (error) {
    // The server's RFC 6749 §5.2 error code is kept verbatim in `error.error`.
    if (OAuthError.isInstance(error) && error.error === 'invalid_grant') return undefined;
    throw error; // TimeoutError, NetworkError, InvalidResponseError… each with its own `code`
  }
}
