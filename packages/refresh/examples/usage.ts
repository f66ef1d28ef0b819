import { discoverIssuer, type TokenSet } from '@latch/core';
import { RefreshTokenRejectedError, refreshTokens } from '@latch/refresh';

/**
 * Returns usable tokens for a stored token set: as they are while the access token has a
 * minute left, else refreshed (store the result: it may carry a rotated refresh token).
 * `undefined` means the session is over and the user must log in again.
 */
export async function freshTokens(issuer: string, stored: TokenSet): Promise<TokenSet | undefined> {
  if (stored.expiresAt !== undefined && stored.expiresAt > Date.now() + 60_000) return stored;
  if (stored.refreshToken === undefined) return undefined;

  const metadata = await discoverIssuer(issuer);
  try {
    return await refreshTokens({
      endpoint: metadata.tokenEndpoint,
      clientId: 'latch-cli',
      refreshToken: stored.refreshToken,
    });
  } catch (error) {
    // invalid_grant: expired, revoked or already used (another process may have rotated it)
    if (RefreshTokenRejectedError.isInstance(error)) return undefined;
    throw error;
  }
}
