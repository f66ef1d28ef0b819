import { type DriverFactory, deviceLoginDriver } from '@latch/auth-session';
import type { FlowDeps } from './flow-deps.js';
import { withPending } from './pending-driver.js';

/**
 * The device flow (RFC 8628) in this process: `@latch/auth-session`'s device-login driver,
 * whose user code and verification URI the page shows (with a QR code of
 * `verification_uri_complete`); the tokens go straight into the tenant's token store.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.3 | RFC 8628 §3.3}
 * @param deps - The server's flow dependencies.
 * @returns The driver factory for the `device` provider.
 */
export function deviceFlow(deps: FlowDeps): DriverFactory {
  const device = deviceLoginDriver({
    issuer: deps.issuer,
    clientId: deps.clientId,
    scope: deps.scope,
    sleep: deps.sleep,
    onTokens: async (tokens, { intoBundleId }) => {
      if (intoBundleId === undefined) throw new TypeError('no tenant');
      await deps.tokens.save(intoBundleId, tokens);
      return intoBundleId;
    },
  });
  return withPending(
    deps,
    'device',
    'device_code',
    () => ({}),
    (context) => device(context),
  );
}
