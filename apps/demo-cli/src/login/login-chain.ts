import type { AuthorizationServerMetadata, TokenSet } from '@latch/core';
import type { CliContext } from '../context.js';
import { runBrowserFlow } from './browser-flow.js';
import { chooseLogin } from './choose-login.js';
import { type DeviceEndpoints, runDeviceFlow } from './device-flow.js';

/** Why the chain left the browser login for the device code. */
export type FallbackReason = 'no_authorization_endpoint' | 'port_unavailable';

/** How `latch login` ended up logging in. */
export interface LoginOutcome {
  /** The tokens. */
  readonly tokens: TokenSet;
  /** The flow that produced them. */
  readonly flow: 'browser' | 'device';
  /** Set when the browser login was planned but the chain fell back to the device code. */
  readonly fallback?: FallbackReason;
}

/**
 * `latch login`'s chain: discovery once, then the browser (loopback redirect, or the URL
 * printed and a pasted redirect accepted) and, when the issuer has no authorization endpoint
 * or the loopback port cannot be bound, the device code — unless `--browser` forbids falling
 * back. `--device` goes straight to the device code.
 * @param ctx - The command's context.
 * @param issuer - The issuer.
 */
export async function runLoginChain(ctx: CliContext, issuer: string): Promise<LoginOutcome> {
  const { out } = ctx;
  const { discoverIssuer, InvalidResponseError } = await import('@latch/core');
  const metadata = await discoverIssuer(issuer, { signal: ctx.signal });
  const { browserLikelyWorks, PortUnavailableError } = await import('@latch/loopback');
  const plan = chooseLogin(ctx.args, () => browserLikelyWorks({ env: ctx.env }));
  const { clientId, sources, scope } = ctx.config;
  out.debug(`client id ${clientId} (${sources.clientId}), scope ${scope}, plan ${plan.flow}`);
  const device = async (fallback?: FallbackReason): Promise<LoginOutcome> => {
    const tokens = await runDeviceFlow(ctx, issuer, deviceEndpointsOf(metadata));
    return { tokens, flow: 'device', ...(fallback === undefined ? {} : { fallback }) };
  };
  if (plan.flow === 'device') {
    if (plan.why !== undefined) {
      out.progress(`${plan.why} Using a device code (\`latch login --browser\` prints a URL).`);
    }
    return device();
  }
  if (metadata.authorizationEndpoint === undefined) {
    const why = `${metadata.issuer} has no authorization endpoint, so a browser login is impossible`;
    if (!plan.canFallBack) {
      throw new InvalidResponseError(`${why}. Run \`latch login --device\` instead.`, {
        field: 'authorization_endpoint',
      });
    }
    fellBack(ctx, 'no_authorization_endpoint', `${why}: using a device code instead.`);
    return device('no_authorization_endpoint');
  }
  const endpoints = {
    authorizationEndpoint: metadata.authorizationEndpoint,
    tokenEndpoint: metadata.tokenEndpoint,
    issuer: metadata.issuer,
    issParameterSupported: metadata.authorizationResponseIssParameterSupported === true,
  };
  out.progress(`Logging in to ${issuer} (profile ${ctx.config.profile}) with a browser…`);
  try {
    return { tokens: await runBrowserFlow(ctx, endpoints, plan.browser), flow: 'browser' };
  } catch (err) {
    if (!plan.canFallBack || !PortUnavailableError.isInstance(err)) throw err;
    fellBack(ctx, 'port_unavailable', `${err.message} Using a device code instead.`);
    return device('port_unavailable');
  }
}

function deviceEndpointsOf(metadata: AuthorizationServerMetadata): DeviceEndpoints | undefined {
  const deviceAuthorizationEndpoint = metadata.deviceAuthorizationEndpoint;
  // Without one, `deviceLogin` discovers again and throws its own error that says so.
  if (deviceAuthorizationEndpoint === undefined) return undefined;
  return { deviceAuthorizationEndpoint, tokenEndpoint: metadata.tokenEndpoint };
}

function fellBack(ctx: CliContext, reason: FallbackReason, message: string): void {
  ctx.out.event({ event: 'fallback', from: 'browser', to: 'device', reason, message });
  ctx.out.progress(message);
}
