import { type CliContext, openManager, openStore, requireIssuer } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { describeLogin } from './describe.js';

/** `latch status`: who is logged in, until when, where the tokens are; exit 3 when not. */
export async function status(ctx: CliContext): Promise<number> {
  const { config, out } = ctx;
  const issuer = requireIssuer(ctx);
  const opened = await openStore(ctx);
  const manager = await openManager(ctx, opened);
  const tokens = await manager.lookupCoreToken({ signal: ctx.signal });
  if (tokens === undefined) {
    out.result({ loggedIn: false, issuer, profile: config.profile, storage: opened.backend }, [
      `Not logged in to ${issuer} (profile ${config.profile}).`,
    ]);
    out.progress('Run `latch login` to log in.');
    return EXIT.notLoggedIn;
  }
  const s = describeLogin(issuer, config.profile, opened.backend, tokens);
  out.result(s, [
    `issuer         ${s.issuer}`,
    `profile        ${s.profile}`,
    `user           ${s.user ?? '(unknown: no ID token)'}`,
    `access token   ${s.accessTokenExpiresAt === undefined ? 'no stated expiry' : `${s.expired ? 'expired' : 'expires'} ${s.accessTokenExpiresAt}`}`,
    `refresh token  ${s.refreshToken ? 'present' : 'none'}`,
    `scope          ${s.scope ?? '(not stated)'}`,
    `storage        ${s.storage}`,
  ]);
  return EXIT.ok;
}
