import { type BrowserLoginOptions, browserLogin } from '@latch/loopback';
import type { DriverFactory } from './driver.js';
import { PasteQueue } from './paste-queue.js';
import { checkTokenSink, deliverTokens, reportLoginFailure, type TokenSink } from './token-sink.js';

/**
 * Options of {@link browserLoginDriver}: those of `browserLogin` (issuer or endpoints, client,
 * scope, loopback settings, HTTP options), without the hooks and `signal`, which the driver
 * supplies, plus where the tokens go.
 */
export type BrowserLoginDriverOptions = Omit<
  BrowserLoginOptions,
  'onAuthorizationUrl' | 'readPastedUrl' | 'signal'
> & {
  /** Stores the tokens and returns the bundle id. Required. */
  readonly onTokens: TokenSink;
};

/**
 * A driver that runs latch's own browser login (`@latch/loopback`, PKCE and a loopback
 * redirect) in this process: the authorization URL → `url-available`; the callback arrives on
 * the loopback server or as a URL pasted through `submitCallbackUrl` (checked for this
 * login's `state` and `iss`; a refused paste adds a transcript line and the login waits for
 * another); the tokens → the `onTokens` sink, then `success`.
 *
 * A server never opens a browser on itself: `browser` defaults to `'never'` here, so the URL
 * is always shown to the user.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7636#section-4 | RFC 7636 §4}
 * @param options - The browser login's options and the token sink.
 * @returns The driver factory, for the manager's `providers` registry.
 * @throws TypeError when `onTokens` is not a function.
 * @example
 * ```ts
 * const providers = {
 *   latchWeb: browserLoginDriver({
 *     issuer: 'https://login.example.com',
 *     clientId: 'my-app',
 *     scope: 'openid email offline_access',
 *     onTokens: (tokens) => bundles.save(tokens),
 *   }),
 * };
 * ```
 */
export function browserLoginDriver(options: BrowserLoginDriverOptions): DriverFactory {
  checkTokenSink(options, 'browserLoginDriver');
  const { onTokens, ...login } = options;
  return (context) => {
    const { report, signal } = context;
    const pastes = new PasteQueue();
    const run = async (): Promise<void> => {
      try {
        const tokens = await browserLogin({
          browser: 'never',
          ...login,
          signal,
          onAuthorizationUrl: ({ url }) => {
            void report.line(`To sign in, open ${url}`);
            void report.authUrl(url);
          },
          readPastedUrl: async ({ signal: pasteSignal, rejected }) => {
            if (rejected !== undefined) {
              await report.line(`The pasted address was refused: ${rejected.message}`);
            }
            return pastes.next(pasteSignal);
          },
        });
        await deliverTokens(tokens, onTokens, context);
      } catch (error) {
        await reportLoginFailure(error, context);
      }
    };
    return {
      done: run(),
      submitCallbackUrl: (url) => !signal.aborted && pastes.push(url),
    };
  };
}
