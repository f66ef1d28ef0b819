import type { TokenSet } from '@latch/core';
import { type CliContext, openManager, requireIssuer } from '../context.js';
import { type NamedStore, openEveryStore } from '../every-store.js';
import { EXIT } from '../exit-codes.js';

/** A store's session, as logout found it. */
interface Found {
  readonly backend: NamedStore['backend'];
  readonly tokens: TokenSet;
}

/**
 * `latch logout`: revokes the stored refresh tokens (RFC 7009) when the issuer advertises
 * revocation (a refusal is a warning), then deletes the session from every store — the
 * keychain and the encrypted file — not only the one in use.
 */
export async function logout(ctx: CliContext): Promise<number> {
  const { config, out } = ctx;
  const issuer = requireIssuer(ctx);
  const stores = await openEveryStore(ctx);
  const managers = await Promise.all(stores.map((named) => openManager(ctx, named)));
  const found: Found[] = [];
  const failed: string[] = [];
  for (const [index, { backend }] of stores.entries()) {
    try {
      const tokens = await managers[index]?.lookupCoreToken({ signal: ctx.signal });
      if (tokens !== undefined) found.push({ backend, tokens });
    } catch (err) {
      // A store that cannot be read (a damaged file) is still deleted from below, if it can be.
      out.warn(`could not read the ${backend} store: ${messageOf(err)}`);
    }
  }
  const revoked = found.length > 0 && (await revokeAll(ctx, issuer, found));
  for (const [index, { backend }] of stores.entries()) {
    try {
      await managers[index]?.deleteCoreToken({ signal: ctx.signal });
    } catch (err) {
      failed.push(backend);
      out.warn(`could not delete the session from the ${backend} store: ${messageOf(err)}`);
    }
  }
  const heldBy = found.map((entry) => entry.backend);
  out.progress(
    found.length === 0
      ? `Not logged in to ${issuer} (profile ${config.profile}); nothing to delete.`
      : `Logged out of ${issuer} (profile ${config.profile}): deleted the session from the ${heldBy.join(' and ')} store${heldBy.length > 1 ? 's' : ''}.`,
  );
  out.result(
    {
      loggedOut: failed.length === 0,
      wasLoggedIn: found.length > 0,
      revoked,
      issuer,
      profile: config.profile,
      deletedFrom: heldBy,
      searched: stores.map((named) => named.backend),
    },
    [],
  );
  return failed.length === 0 ? EXIT.ok : EXIT.error;
}

/** Revokes each distinct stored token; true when every revocation was accepted. */
async function revokeAll(ctx: CliContext, issuer: string, found: Found[]): Promise<boolean> {
  const { out, config } = ctx;
  const { discoverIssuer, revokeToken } = await import('@latch/core');
  const secrets = new Map<string, 'refresh_token' | 'access_token'>();
  for (const { tokens } of found) {
    if (tokens.refreshToken !== undefined) secrets.set(tokens.refreshToken, 'refresh_token');
    else secrets.set(tokens.accessToken, 'access_token');
  }
  try {
    const metadata = await discoverIssuer(issuer, { signal: ctx.signal });
    if (metadata.revocationEndpoint === undefined) {
      out.debug('the issuer advertises no revocation endpoint: tokens deleted locally only');
      return false;
    }
    for (const [token, tokenTypeHint] of secrets) {
      await revokeToken({
        endpoint: metadata.revocationEndpoint,
        clientId: config.clientId,
        token,
        tokenTypeHint,
        signal: ctx.signal,
      });
    }
    out.debug(`${secrets.size === 1 ? 'token' : `${secrets.size} tokens`} revoked at the issuer`);
    return true;
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    out.warn(
      `the issuer did not revoke the token (${messageOf(err)}); deleting it locally anyway.`,
    );
    return false;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
