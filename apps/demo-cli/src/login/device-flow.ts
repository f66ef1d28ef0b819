import type { TokenSet } from '@latch/core';
import type { DeviceVerification } from '@latch/device-grant';
import type { CliContext } from '../context.js';
import type { DeviceScreen } from './device-screen.js';
import { canAnimate, type TerminalInfo } from './terminal-display.js';

/** The device endpoints, when discovery found them (else `deviceLogin` discovers them). */
export interface DeviceEndpoints {
  /** The `device_authorization_endpoint`. */
  readonly deviceAuthorizationEndpoint: string;
  /** The `token_endpoint`. */
  readonly tokenEndpoint: string;
}

/**
 * The device authorization grant (RFC 8628) with `latch`'s waiting screen: on a terminal the
 * large code, a QR code and a spinner counting down to expiry; otherwise plain lines (and,
 * with `--json`, a `device_code` event). The screen stops however the login ends.
 * @param ctx - The command's context.
 * @param issuer - The issuer.
 * @param endpoints - The discovered endpoints, or `undefined` to let `deviceLogin` discover.
 */
export async function runDeviceFlow(
  ctx: CliContext,
  issuer: string,
  endpoints: DeviceEndpoints | undefined,
): Promise<TokenSet> {
  const { config, out } = ctx;
  out.progress(`Logging in to ${issuer} (profile ${config.profile}) with a device code…`);
  const { deviceLogin } = await import('@latch/device-grant');
  const terminal = terminalOf(ctx);
  let screen: DeviceScreen | undefined;
  try {
    return await deviceLogin({
      ...(endpoints === undefined ? { issuer } : endpoints),
      clientId: config.clientId,
      scope: config.scope,
      signal: ctx.signal,
      ...(ctx.hooks.sleep === undefined ? {} : { sleep: ctx.hooks.sleep }),
      onVerification: async (verification) => {
        emitEvent(ctx, verification);
        if (canAnimate(terminal)) {
          // Loaded only here: `latch token` and non-interactive logins never load uqr or the spinner.
          const { showDeviceScreen } = await import('./device-screen.js');
          screen = showDeviceScreen(out, ctx.stderr, terminal, verification);
        } else {
          showPlain(ctx, verification);
        }
        await ctx.hooks.onVerification?.(verification);
      },
    });
  } finally {
    screen?.stop();
  }
}

/** What the device screen needs to know about stderr. */
export function terminalOf(ctx: CliContext): TerminalInfo {
  const { stderr } = ctx;
  // The spinner moves the cursor: only on a real terminal stream (not a test's or the demo's).
  const drawable =
    stderr.isTTY === true && typeof (stderr as { cursorTo?: unknown }).cursorTo === 'function';
  return {
    isTTY: drawable,
    columns: stderr.columns,
    rows: stderr.rows,
    env: ctx.env,
    json: ctx.out.json,
  };
}

function emitEvent(ctx: CliContext, verification: DeviceVerification): void {
  ctx.out.event({
    event: 'device_code',
    userCode: verification.userCode,
    verificationUri: verification.verificationUri,
    verificationUriComplete: verification.verificationUriComplete,
    expiresAt: new Date(verification.expiresAt).toISOString(),
  });
}

function showPlain(ctx: CliContext, verification: DeviceVerification): void {
  const { out } = ctx;
  const expires = new Date(verification.expiresAt).toISOString();
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
