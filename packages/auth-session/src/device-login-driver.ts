import { type DeviceLoginOptions, deviceLogin } from '@latch/device-grant';
import type { DriverFactory } from './driver.js';
import { checkTokenSink, deliverTokens, reportLoginFailure, type TokenSink } from './token-sink.js';

/**
 * Options of {@link deviceLoginDriver}: those of `deviceLogin` (issuer or endpoints, client,
 * scope, HTTP options, `now`, `sleep`, `onWait`), without `onVerification` and `signal`, which
 * the driver supplies, plus where the tokens go.
 */
export interface DeviceLoginDriverOptions
  extends Omit<DeviceLoginOptions, 'onVerification' | 'signal'> {
  /** Stores the tokens and returns the bundle id. Required. */
  readonly onTokens: TokenSink;
}

/**
 * A driver that runs latch's own device login (`@latch/device-grant`) in this process: the
 * user code and verification URL → `code-emitted` (and a transcript line), the tokens → the
 * `onTokens` sink, then `success` with the bundle id it returns (and the ID token's `email`).
 * Cancel and timeout abort the polling at once.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3 | RFC 8628 §3}
 * @param options - The device login's options and the token sink.
 * @returns The driver factory, for the manager's `providers` registry.
 * @throws TypeError when `onTokens` is not a function.
 * @example
 * ```ts
 * const providers = {
 *   latch: deviceLoginDriver({
 *     issuer: 'https://login.example.com',
 *     clientId: 'my-app',
 *     scope: 'openid email offline_access',
 *     onTokens: (tokens, { intoBundleId }) => bundles.save(tokens, intoBundleId),
 *   }),
 * };
 * ```
 */
export function deviceLoginDriver(options: DeviceLoginDriverOptions): DriverFactory {
  checkTokenSink(options, 'deviceLoginDriver');
  const { onTokens, onWait, ...login } = options;
  return (context) => {
    const { report, signal } = context;
    const run = async (): Promise<void> => {
      try {
        const tokens = await deviceLogin({
          ...login,
          signal,
          onVerification: async (verification) => {
            await report.line(
              `To sign in, open ${verification.verificationUri} and enter the code ${verification.userCode}`,
            );
            await report.userCode({
              userCode: verification.userCode,
              verificationUrl: verification.verificationUri,
              verificationUrlComplete: verification.verificationUriComplete,
              expiresAt: verification.expiresAt,
            });
          },
          onWait: (wait) => {
            if (wait.reason === 'slow_down') {
              void report.line(
                `The server asked to slow down; polling every ${wait.intervalMs / 1000} s.`,
              );
            }
            onWait?.(wait);
          },
        });
        await deliverTokens(tokens, onTokens, context);
      } catch (error) {
        await reportLoginFailure(error, context);
      }
    };
    return { done: run() };
  };
}
