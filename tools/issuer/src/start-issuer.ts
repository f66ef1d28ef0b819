import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import { CLIENT_ID, isServerRedirectUri, SERVER_CLIENT_ID } from './client.js';
import { type DemoLoginOptions, type DemoLoginTokens, demoLogin } from './demo-login.js';
import { DEMO_USER, type DemoUser } from './demo-user.js';
import { approveDeviceAsDemoUser, authorizeAsDemoUser } from './demo-user-agent.js';
import { createDeviceFormGuard } from './device-form-guard.js';
import { countGrants, createGrantCounter, type GrantCounter } from './grant-counter.js';
import { createInteractionRoutes } from './interaction-routes.js';
import { TokenLifetimes } from './lifetimes.js';
import { createMemoryAdapter } from './memory-adapter.js';
import { buildProviderConfiguration, resourceServerInfo } from './provider-config.js';
import { type IssuerResources, resourcesFor } from './resources.js';
import { generateSigningKey } from './signing-key.js';
import { registerTokenExchange } from './token-exchange.js';
import { verifyAccessToken } from './verify-access-token.js';

/** The only address the issuer listens on. */
const HOST = '127.0.0.1';

/** Options of {@link startIssuer}; every one has a default. */
export interface IssuerOptions {
  /** TCP port on 127.0.0.1. Default 0: the system picks a free one (see {@link Issuer.port}). */
  port?: number;
  /** Access token lifetime in seconds. Default 3600. Tests set 1 to see a token expire. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds. Default 14 days. */
  refreshTokenTtl?: number;
  /** Device code lifetime in seconds (RFC 8628 `expires_in`). Default 600. */
  deviceCodeTtl?: number;
  /** Lifetime of tokens minted by token exchange, in seconds. Default: `accessTokenTtl`. */
  exchangedTokenTtl?: number;
  /**
   * Where the issuer reports server errors (5xx) as one line each, without tokens or codes.
   * Default: standard error. Pass `() => {}` to silence.
   */
  log?: (line: string) => void;
}

/** Options of {@link Issuer.approveDevice} and {@link Issuer.authorize}. */
export interface DemoUserActionOptions {
  /** Deny instead of approve. Default false. */
  deny?: boolean;
  /** Aborts the walk through the pages. */
  signal?: AbortSignal;
}

/** A running embedded authorization server. */
export interface Issuer {
  /** The issuer identifier, e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string;
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** The registered public native client. */
  readonly clientId: 'latch-cli';
  /** The account to sign in with (`demo` / `demo`). */
  readonly demoUser: DemoUser;
  /** The two RFC 8707 resource indicators (`aud` of the JWT access tokens). */
  readonly resources: IssuerResources;
  /** Token responses served and refused, per grant type. */
  readonly grants: GrantCounter;
  /** Changes token lifetimes for tokens minted from now on. @throws TypeError on a non-positive or fractional value. */
  setTtl(
    ttl: Partial<{
      accessToken: number;
      refreshToken: number;
      deviceCode: number;
      exchangedToken: number;
    }>,
  ): void;
  /**
   * Acts as the demo user on the device verification pages: enters `userCode`, signs in, and
   * approves (or denies) consent, through the issuer's real HTTP pages.
   *
   * @throws Error when the code is not accepted or the final page is not the expected outcome.
   */
  approveDevice(userCode: string, options?: DemoUserActionOptions): Promise<void>;
  /**
   * Acts as the demo user in a browser opened at `authorizationUrl`: signs in, approves (or
   * denies) consent, and returns the URL the issuer redirected to on the client (not followed).
   *
   * @throws Error when the issuer shows an error page instead of redirecting to the client.
   */
  authorize(authorizationUrl: string, options?: DemoUserActionOptions): Promise<string>;
  /**
   * Logs the demo user in as `latch-cli` over plain HTTP (authorization code + PKCE through the
   * issuer's pages, then the token endpoint), for tests that need a session to start from.
   *
   * @throws Error when any step is refused.
   */
  login(options?: DemoLoginOptions): Promise<DemoLoginTokens>;
  /** Stops listening, drops open connections, and resolves once the port is free. */
  close(): Promise<void>;
}

/**
 * Starts the embedded OAuth 2.0 / OpenID Connect authorization server (oidc-provider 9) on
 * 127.0.0.1: authorization code + PKCE (RFC 7636, RFC 8252), device authorization (RFC 8628),
 * refresh token rotation, revocation (RFC 7009), introspection (RFC 7662), resource indicators
 * with JWT access tokens (RFC 8707, RFC 9068), token exchange (RFC 8693) and both discovery
 * documents (OpenID Connect Discovery, RFC 8414).
 *
 * The http server listens first, so the issuer URL carries the real port.
 *
 * @throws Error when the port cannot be bound; TypeError for an invalid option.
 * @example
 * ```ts
 * const issuer = await startIssuer({ accessTokenTtl: 1 });
 * try {
 *   const redirect = await issuer.authorize(authorizationUrl);
 * } finally {
 *   await issuer.close();
 * }
 * ```
 */
export async function startIssuer(options: IssuerOptions = {}): Promise<Issuer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`port must be an integer from 0 to 65535, got ${String(options.port)}`);
  }
  const lifetimes = new TokenLifetimes({
    ...(options.accessTokenTtl === undefined ? {} : { accessToken: options.accessTokenTtl }),
    ...(options.refreshTokenTtl === undefined ? {} : { refreshToken: options.refreshTokenTtl }),
    ...(options.deviceCodeTtl === undefined ? {} : { deviceCode: options.deviceCodeTtl }),
    ...(options.exchangedTokenTtl === undefined
      ? {}
      : { exchangedToken: options.exchangedTokenTtl }),
  });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const server = createServer();
  await listen(server, port);
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${actualPort}`;
  let provider: Provider;
  try {
    provider = createProvider(server, url, lifetimes, log);
  } catch (error) {
    await stop(server);
    throw error;
  }
  const resources = resourcesFor(url);
  const grants = createGrantCounter();
  countGrants(provider, grants);

  const agentOptions = (action: DemoUserActionOptions = {}) => ({
    issuerUrl: url,
    user: DEMO_USER,
    ...(action.deny === undefined ? {} : { deny: action.deny }),
    ...(action.signal === undefined ? {} : { signal: action.signal }),
  });
  let closing: Promise<void> | undefined;

  return {
    url,
    port: actualPort,
    clientId: CLIENT_ID,
    demoUser: DEMO_USER,
    resources,
    grants,
    setTtl: (ttl) => lifetimes.update(ttl),
    approveDevice: (userCode, actionOptions) =>
      approveDeviceAsDemoUser(
        provider.urlFor('code_verification'),
        userCode,
        agentOptions(actionOptions),
      ),
    authorize: (authorizationUrl, actionOptions) =>
      authorizeAsDemoUser(authorizationUrl, agentOptions(actionOptions)),
    login: (loginOptions) =>
      demoLogin(
        {
          url,
          clientId: CLIENT_ID,
          authorize: (authorizationUrl, actionOptions) =>
            authorizeAsDemoUser(authorizationUrl, agentOptions(actionOptions)),
        },
        loginOptions,
      ),
    close: () => {
      closing ??= stop(server);
      return closing;
    },
  };
}

/**
 * Builds the provider for `url` and mounts it, behind the issuer's own pages, on `server`.
 */
function createProvider(
  server: Server,
  url: string,
  lifetimes: TokenLifetimes,
  log: (line: string) => void,
): Provider {
  const resources = resourcesFor(url);
  const signingKey = generateSigningKey();
  const adapter = createMemoryAdapter(Date.now);
  const provider = new Provider(
    url,
    buildProviderConfiguration({
      resources,
      lifetimes,
      signingKey,
      cookieKeys: [randomBytes(32).toString('base64url')],
      adapter,
    }),
  );
  allowServerRedirectUris(provider);
  registerTokenExchange(provider, {
    resources,
    verifyAccessToken: (token) =>
      verifyAccessToken(token, {
        publicKey: signingKey.publicKey,
        kid: signingKey.kid,
        issuer: url,
        now: Math.floor(Date.now() / 1000),
      }),
    accountExists: (sub) => sub === DEMO_USER.sub,
    resourceServerInfo: (indicator) =>
      resourceServerInfo(resources, indicator, lifetimes.current.exchangedToken),
  });
  provider.on('server_error', (ctx, error) => {
    log(`issuer: server error on ${ctx.method} ${ctx.path}: ${error.name}: ${error.message}`);
  });
  // Koa's fallback logger prints whole error objects; the server_error line above is enough.
  provider.silent = true;

  const interactions = createInteractionRoutes({
    provider,
    issuerUrl: url,
    csrfKey: randomBytes(32),
  });
  const sessions = adapter('Session');
  const deviceFormGuard = createDeviceFormGuard({
    codeVerificationPath: provider.pathFor('code_verification'),
    sessionCookie: provider.cookieName('session'),
    sessionExists: async (id) => (await sessions.find(id)) !== undefined,
  });
  const providerCallback = provider.callback();
  server.on('request', (req, res) => {
    interactions(req, res)
      .then(async (handled) => handled || (await deviceFormGuard(req, res)))
      .then((handled) => (handled ? undefined : providerCallback(req, res)))
      .catch((error: unknown) => {
        log(`issuer: request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });
  return provider;
}

/**
 * Lets `latch-server` use any `/oob/callback/<id>` loopback redirect URI (see
 * {@link isServerRedirectUri}); every other client keeps oidc-provider's own check. The token
 * endpoint still requires the exact `redirect_uri` the code was issued for.
 */
function allowServerRedirectUris(provider: Provider): void {
  const prototype = provider.Client.prototype as {
    redirectUriAllowed(this: { clientId: string }, value: string): boolean;
  };
  const registered = prototype.redirectUriAllowed;
  prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    if (this.clientId === SERVER_CLIENT_ID) return isServerRedirectUri(value);
    return registered.call(this, value);
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // close() alone waits for keep-alive clients to hang up; drop them now.
    server.closeAllConnections();
  });
}
