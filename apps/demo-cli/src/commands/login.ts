import { saveProfile } from '../config.js';
import { type CliContext, openManager, openStore, requireIssuer } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { runLoginChain } from '../login/login-chain.js';
import { describeLogin } from './describe.js';

/**
 * `latch login`: the browser (RFC 8252, with a pasted redirect URL when no browser opens here)
 * or the device code (RFC 8628), then the tokens into the store and the profile into the
 * config file.
 */
export async function login(ctx: CliContext): Promise<number> {
  const { config, out } = ctx;
  const issuer = requireIssuer(ctx);
  const opened = await openStore(ctx);
  const outcome = await runLoginChain(ctx, issuer);
  const manager = await openManager(ctx, opened);
  await manager.saveCoreToken(outcome.tokens, { signal: ctx.signal });
  await saveProfile(ctx.env, config.profile, {
    issuer,
    clientId: config.clientId,
    scope: config.scope,
    ...{ backend: opened.backend },
  });
  const summary = describeLogin(issuer, config.profile, opened.backend, outcome.tokens);
  out.progress(`Logged in${summary.user === undefined ? '' : ` as ${summary.user}`}.`);
  out.progress(`Tokens stored in the ${opened.backend} store.`);
  out.result(
    {
      ...summary,
      flow: outcome.flow,
      ...(outcome.fallback === undefined ? {} : { fallback: outcome.fallback }),
    },
    [],
  );
  return EXIT.ok;
}
