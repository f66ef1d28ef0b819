import type { HttpOptions, TokenSet } from '@latch/core';
import { challenge, generateVerifier, newState } from '@latch/pkce';
import { browserLikelyWorks } from './browser-likely-works.js';
import {
  BrowserUnavailableError,
  type BrowserUnavailableReason,
} from './browser-unavailable-error.js';
import { buildAuthorizationUrl } from './build-authorization-url.js';
import { checkNonce } from './check-nonce.js';
import { exchangeCode } from './exchange-code.js';
import { type LoginEndpoints, resolveLoginEndpoints } from './login-endpoints.js';
import { type OpenBrowserResult, openBrowser } from './open-browser.js';
import { startLoopbackServer } from './start-loopback-server.js';
import type { Env } from './system-defaults.js';
import { type ReadPastedUrl, waitForCallback } from './wait-for-callback.js';

/**
 * Opens a URL in a browser; reports rather than throws when it cannot. {@link openBrowser}
 * is the default; tests pass one that drives a headless browser.
 */
export type OpenUrl = (url: string) => Promise<OpenBrowserResult>;

/**
 * What {@link BrowserLoginOptions.onAuthorizationUrl} is told once the login URL exists.
 */
export interface AuthorizationUrlEvent {
  /** The authorization URL; show it when `browserOpened` is false. */
  readonly url: string;
  /** The loopback redirect URI the browser will return to. */
  readonly redirectUri: string;
  /** Whether a browser was opened on it. */
  readonly browserOpened: boolean;
  /** Why not, when it was not. */
  readonly reason?: BrowserUnavailableReason;
}

/**
 * Options of {@link browserLogin}: where to log in, what to ask for, how to reach the user,
 * and core's HTTP options (`timeoutMs` is each HTTP exchange's limit; `signal` cancels the
 * whole login).
 */
export interface BrowserLoginOptions extends HttpOptions {
  /** The public client's `client_id`. */
  readonly clientId: string;
  /** The issuer to discover the endpoints of. Give this or `endpoints`. */
  readonly issuer?: string | URL | undefined;
  /** The endpoints, for a server without metadata. Give this or `issuer`. */
  readonly endpoints?: LoginEndpoints | undefined;
  /** The `scope`; with `openid`, a `nonce` is sent and checked. Default: none. */
  readonly scope?: string | undefined;
  /** RFC 8707 `resource` indicator(s), sent in both requests. Default: none. */
  readonly resource?: string | readonly string[] | undefined;
  /** More authorization request parameters (`prompt`, `login_hint`…). Default: none. */
  readonly extraParams?: Readonly<Record<string, string>> | undefined;
  /** The IP literal of the redirect URI (see {@link LoopbackServerOptions.host}). Default: `'127.0.0.1'`. */
  readonly host?: '127.0.0.1' | '::1' | undefined;
  /** The loopback port; 0 for a free one. Default: `0`. */
  readonly port?: number | undefined;
  /** The redirect URI's path. Default: `'/callback'`. */
  readonly callbackPath?: string | undefined;
  /** How long the user has to finish in the browser, in milliseconds. Default: `300_000`. */
  readonly loginTimeoutMs?: number | undefined;
  /** The loopback server's header timeout, at most 10 s. Default: `10_000`. */
  readonly headersTimeoutMs?: number | undefined;
  /** The name the result page shows. Default: `'the application'`. */
  readonly appName?: string | undefined;
  /**
   * Whether to open a browser: `'auto'` asks {@link browserLikelyWorks} first (only when the
   * default opener is used), `'always'` tries regardless, `'never'` only shows the URL
   * (`--no-browser`). Default: `'auto'`.
   */
  readonly browser?: 'auto' | 'always' | 'never' | undefined;
  /** Opens the URL. Default: {@link openBrowser} with `env`. */
  readonly openUrl?: OpenUrl | undefined;
  /** The environment for `BROWSER` and the likely-works check. Default: `process.env`. */
  readonly env?: Env | undefined;
  /**
   * Called once with the authorization URL and whether a browser opened; print the URL when it
   * did not. latch prints nothing itself. Default: none.
   */
  readonly onAuthorizationUrl?: ((event: AuthorizationUrlEvent) => void) | undefined;
  /**
   * When no browser opened: reads the address the browser ended on, pasted by the user,
   * racing the loopback callback (see {@link ReadPastedUrl}). Default: none.
   */
  readonly readPastedUrl?: ReadPastedUrl | undefined;
  /** The random source for the verifier, state and nonce. Default: `crypto.randomBytes`. */
  readonly randomBytes?: ((size: number) => Uint8Array) | undefined;
}

/**
 * Logs a native app in through the user's browser: discovery, PKCE (S256), `state`, a `nonce`
 * for `openid`, a loopback redirect server, the browser, the callback (or a pasted redirect
 * URL), and the code exchange — the whole RFC 8252 flow.
 *
 * When no browser can be opened, it hands the URL to `onAuthorizationUrl` and waits for
 * either the loopback callback or `readPastedUrl`; with neither hook it throws
 * {@link BrowserUnavailableError} at once, so the caller can fall back to the device login.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3, §8.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7636#section-4 | RFC 7636 §4}
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1 | RFC 6749 §4.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 * @param options - Issuer, client, scope, hooks and HTTP options.
 * @returns The tokens.
 * @throws TypeError for bad options.
 * @throws {@link BrowserUnavailableError}, {@link LoginTimeoutError}, {@link NonceMismatchError},
 *   {@link PortUnavailableError}, {@link CallbackRejectedError} (after 10 refused pastes);
 *   core's `OAuthError` (e.g. `access_denied`, `invalid_grant`), `AbortError`, and the errors of
 *   discovery and the token request.
 * @example
 * ```ts
 * const tokens = await browserLogin({
 *   issuer: 'https://login.example.com',
 *   clientId: 'my-cli',
 *   scope: 'openid offline_access',
 *   onAuthorizationUrl: ({ url, browserOpened }) => {
 *     if (!browserOpened) console.error(`Open this URL to log in: ${url}`);
 *   },
 * });
 * ```
 */
export async function browserLogin(options: BrowserLoginOptions): Promise<TokenSet> {
  checkOptions(options);
  const endpoints = await resolveLoginEndpoints(options, options);
  const random = options.randomBytes === undefined ? {} : { randomBytes: options.randomBytes };
  const verifier = generateVerifier(random);
  const state = newState(random);
  const nonce = (options.scope ?? '').split(' ').includes('openid') ? newState(random) : undefined;
  const expected = {
    state,
    expectedIssuer: endpoints.issuer,
    issRequired: endpoints.issParameterSupported === true,
  };

  const server = await startLoopbackServer({
    ...expected,
    host: options.host,
    port: options.port,
    callbackPath: options.callbackPath,
    timeoutMs: options.loginTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs,
    appName: options.appName,
    signal: options.signal,
    now: options.now,
    sleep: options.sleep,
  });
  try {
    const url = buildAuthorizationUrl(endpoints.authorizationEndpoint, {
      clientId: options.clientId,
      redirectUri: server.redirectUri,
      codeChallenge: challenge(verifier),
      state,
      scope: options.scope,
      nonce,
      resource: options.resource,
      extraParams: options.extraParams,
    });
    const opened = await openFor(url, options);
    options.onAuthorizationUrl?.({
      url,
      redirectUri: server.redirectUri,
      browserOpened: opened.opened,
      ...(opened.opened ? {} : { reason: opened.reason }),
    });
    if (!opened.opened && !options.onAuthorizationUrl && !options.readPastedUrl) {
      throw new BrowserUnavailableError({ reason: opened.reason });
    }
    const callback = await waitForCallback(
      server.result,
      opened.opened ? undefined : options.readPastedUrl,
      { ...expected, redirectUri: server.redirectUri },
    );
    const tokens = await exchangeCode(endpoints.tokenEndpoint, {
      ...options,
      code: callback.code,
      codeVerifier: verifier,
      redirectUri: server.redirectUri,
      client: { clientId: options.clientId },
    });
    checkNonce(tokens, nonce);
    return tokens;
  } finally {
    await server.close();
  }
}

async function openFor(url: string, options: BrowserLoginOptions): Promise<OpenBrowserResult> {
  const mode = options.browser ?? 'auto';
  if (mode === 'never') {
    return { opened: false, reason: 'disabled', message: 'Opening a browser is turned off.' };
  }
  if (mode === 'auto' && options.openUrl === undefined) {
    const check = browserLikelyWorks({ env: options.env });
    if (!check.likely) return { opened: false, reason: check.reason, message: check.message };
  }
  try {
    return await (options.openUrl ?? ((target) => openBrowser(target, { env: options.env })))(url);
  } catch {
    return { opened: false, reason: 'launch_failed', message: 'The browser could not be started.' };
  }
}

function checkOptions(options: BrowserLoginOptions): void {
  if (typeof options?.clientId !== 'string' || options.clientId.length === 0) {
    throw new TypeError('browserLogin: options.clientId must be a non-empty string');
  }
  if ((options.issuer === undefined) === (options.endpoints === undefined)) {
    throw new TypeError('browserLogin: give exactly one of options.issuer and options.endpoints');
  }
  const mode = options.browser ?? 'auto';
  if (mode !== 'auto' && mode !== 'always' && mode !== 'never') {
    throw new TypeError("browserLogin: options.browser must be 'auto', 'always' or 'never'");
  }
  for (const hook of ['openUrl', 'onAuthorizationUrl', 'readPastedUrl'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') {
      throw new TypeError(`browserLogin: options.${hook} must be a function`);
    }
  }
}
