import { type CliContext, openManager, openStore, requireIssuer } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `latch logout`: revokes the refresh token (RFC 7009) when the issuer advertises revocation,
 * warns when it refuses, then deletes the stored tokens.
 */
export async function logout(ctx: CliContext): Promise<number> {
  const { config, out } = ctx;
  const issuer = requireIssuer(ctx);
  const opened = await openStore(ctx);
  const manager = await openManager(ctx, opened);
  const tokens = await manager.lookupCoreToken({ signal: ctx.signal });
  let revoked = false;
  const secret = tokens?.refreshToken ?? tokens?.accessToken;
  if (secret !== undefined) {
    const { discoverIssuer, revokeToken } = await import('@latch/core');
    try {
      const metadata = await discoverIssuer(issuer, { signal: ctx.signal });
      if (metadata.revocationEndpoint === undefined) {
        out.debug('the issuer advertises no revocation endpoint: tokens deleted locally only');
      } else {
        await revokeToken({
          endpoint: metadata.revocationEndpoint,
          clientId: config.clientId,
          token: secret,
          tokenTypeHint: tokens?.refreshToken === undefined ? 'access_token' : 'refresh_token',
          signal: ctx.signal,
        });
        revoked = true;
        out.debug('refresh token revoked at the issuer');
      }
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      out.warn(`the issuer did not revoke the token (${why}); deleting it locally anyway.`);
    }
  }
  await manager.deleteCoreToken({ signal: ctx.signal });
  out.progress(
    tokens === undefined
      ? `Not logged in to ${issuer} (profile ${config.profile}); nothing to delete.`
      : `Logged out of ${issuer} (profile ${config.profile}).`,
  );
  out.result({ loggedOut: true, wasLoggedIn: tokens !== undefined, revoked, issuer }, []);
  return EXIT.ok;
}
