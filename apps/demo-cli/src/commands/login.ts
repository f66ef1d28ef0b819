import type { DeviceVerification } from '@latch/device-grant';
import { saveProfile } from '../config.js';
import { type CliContext, openManager, openStore, requireIssuer } from '../context.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { describeLogin } from './describe.js';

/** `latch login`: the device flow (RFC 8628), then the tokens into the store. */
export async function login(ctx: CliContext): Promise<number> {
  const { args, config, out } = ctx;
  if (args.method === 'browser') {
    throw new UsageError('browser login is not available yet: use latch login --device');
  }
  const issuer = requireIssuer(ctx);
  const opened = await openStore(ctx);
  out.progress(`Logging in to ${issuer} (profile ${config.profile}) with a device code…`);
  out.debug(`client id ${config.clientId} (${config.sources.clientId}), scope ${config.scope}`);
  const { deviceLogin } = await import('@latch/device-grant');
  const tokens = await deviceLogin({
    issuer,
    clientId: config.clientId,
    scope: config.scope,
    signal: ctx.signal,
    ...(ctx.hooks.sleep === undefined ? {} : { sleep: ctx.hooks.sleep }),
    onVerification: async (verification) => {
      showVerification(ctx, verification);
      await ctx.hooks.onVerification?.(verification);
    },
  });
  const manager = await openManager(ctx, opened);
  await manager.saveCoreToken(tokens, { signal: ctx.signal });
  await saveProfile(ctx.env, config.profile, {
    issuer,
    clientId: config.clientId,
    scope: config.scope,
    ...{ backend: opened.backend },
  });
  const summary = describeLogin(issuer, config.profile, opened.backend, tokens);
  out.progress(`Logged in${summary.user === undefined ? '' : ` as ${summary.user}`}.`);
  out.progress(`Tokens stored in the ${opened.backend} store.`);
  out.result(summary, []);
  return EXIT.ok;
}

function showVerification(ctx: CliContext, verification: DeviceVerification): void {
  const { out } = ctx;
  const expires = new Date(verification.expiresAt).toISOString();
  out.event({
    event: 'device_code',
    userCode: verification.userCode,
    verificationUri: verification.verificationUri,
    verificationUriComplete: verification.verificationUriComplete,
    expiresAt: expires,
  });
  out.progress('');
  out.progress(`  Open   ${verification.verificationUri}`);
  out.progress(`  Enter  ${out.strong(verification.userCode)}`);
  if (verification.verificationUriComplete !== undefined) {
    out.progress(`  (or open ${verification.verificationUriComplete})`);
  }
  out.progress(`  The code expires at ${expires}. Ctrl-C cancels.`);
  out.progress('');
  out.progress('Waiting for you to approve…');
}
