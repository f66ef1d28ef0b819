import { type CliContext, openManager, openStore, requireIssuer } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `latch token`: a usable bearer on stdout and nothing else, refreshed or exchanged by the
 * token manager. Without `--resource`, the login's own token (for the issuer).
 */
export async function token(ctx: CliContext): Promise<number> {
  const { args, out } = ctx;
  const issuer = requireIssuer(ctx);
  // The token manager's modules load while the store opens: `latch token` is start-up bound.
  const [opened] = await Promise.all([openStore(ctx), import('@latch/token-manager')]);
  const manager = await openManager(ctx, opened);
  const resource = args.resource ?? issuer;
  out.debug(`token for ${resource}${args.audience ? ` (audience ${args.audience})` : ''}`);
  const value = await manager.token(
    { resource, ...(args.audience === undefined ? {} : { audience: args.audience }) },
    { signal: ctx.signal },
  );
  out.result({ accessToken: value, tokenType: 'Bearer', resource }, [value]);
  return EXIT.ok;
}
