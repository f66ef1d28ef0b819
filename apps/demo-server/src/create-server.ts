import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { AuthSessionManager } from '@latch/auth-session';
import { callbackUrlBuilder, OobManager } from '@latch/oob';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './app-deps.js';
import { defaultCliPath } from './cli-path.js';
import { cliFlow } from './flows/cli-flow.js';
import { deviceFlow } from './flows/device-flow.js';
import type { FlowDeps, LoginPendingData } from './flows/flow-deps.js';
import { redirectFlow } from './flows/redirect-flow.js';
import { issuerMetadata } from './issuer-metadata.js';
import { notFoundResponse } from './not-found.js';
import { FixedWindowLimiter } from './rate-limit.js';
import { callbackRoute } from './routes/callback-route.js';
import { pageRoutes } from './routes/page-routes.js';
import { sessionEvents } from './routes/session-events.js';
import { sessionRoutes } from './routes/session-routes.js';
import {
  API_SECURITY_HEADERS,
  csrfProtection,
  loginReader,
  STATE_CHANGING_METHODS,
  securityHeaderList,
  writesOwnSecurityHeaders,
} from './security.js';
import {
  checkServerOptions,
  DEFAULT_CLIENT_ID,
  DEFAULT_SCOPE,
  type DemoServerOptions,
  logErrorLine,
} from './server-options.js';
import { openStores } from './stores.js';
import { systemInterval, systemNow, systemSleep } from './system.js';
import { TenantTokens } from './tenant-tokens.js';
import { DEMO_TENANTS, indexTenants } from './tenants.js';

/** A running demo server. */
export interface DemoServer {
  /** The URL it listens on, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The port. */
  readonly port: number;
  /** The instance name. */
  readonly instance: string;
  /** The session manager's instance id (the owner of the logins started here). */
  readonly instanceId: string;
  /** `memory` or `redis`. */
  readonly storage: 'memory' | 'redis';
  /** Stops it: open streams end, running logins fail (`service stopped`, child processes killed), stores close. */
  close(): Promise<void>;
}

/**
 * Starts the multi-tenant demo server: tenants sign in with the app's own cookie and connect
 * an account out of band — device flow, redirect flow (callback `/oob/callback/{id}` mapped
 * back to the tenant by `@latch/oob`), or the `latch` CLI as a child process — with the page
 * following the login over SSE (polling as fallback). Memory stores by default; with
 * `redisUrl`, instances share pendings, sessions and tokens.
 *
 * @param options - Issuer, secret, and the optional settings of {@link DemoServerOptions}.
 * @returns The running server.
 * @throws TypeError for bad options; the listen or Redis connection error.
 * @example
 * ```ts
 * const server = await createServer({ issuer: issuer.url, cookieSecret: randomBytes(32).toString('hex') });
 * console.log(`open ${server.url}`);
 * await server.close();
 * ```
 */
export async function createServer(options: DemoServerOptions): Promise<DemoServer> {
  checkServerOptions(options);
  const tenants = indexTenants(options.tenants ?? DEMO_TENANTS);
  const now = options.now ?? systemNow;
  const onError = options.onError ?? logErrorLine;
  const instance = options.instanceName ?? 'server';
  const host = options.host ?? '127.0.0.1';
  const limiter = new FixedWindowLimiter(options.pollLimit ?? {}, now, {
    name: 'pollLimit',
    max: 120,
    windowMs: 60_000,
  });
  const signInLimiter = new FixedWindowLimiter(options.signInLimit ?? {}, now, {
    name: 'signInLimit',
    max: 10,
    windowMs: 15 * 60_000,
  });
  const stores = await openStores({
    secret: options.cookieSecret,
    redisUrl: options.redisUrl,
    tokenStore: options.tokenStore,
    keyPrefix: options.redisKeyPrefix,
    now,
  });
  let baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const metadata = issuerMetadata(options.issuer);
  // One oob manager per tenant, whose namespace is the tenant: no tenant's code can reach
  // another's pendings.
  const oobManagers = new Map(
    [...tenants.keys()].map((tenant) => [
      tenant,
      new OobManager<LoginPendingData>({
        namespaceProvider: () => tenant,
        store: stores.oob,
        callbackUrl: (id) => callbackUrlBuilder(baseUrl)(id),
        now,
      }),
    ]),
  );
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const timeoutMs = options.sessionTimeoutMs ?? 600_000;
  let sessions: AuthSessionManager | undefined;
  const flow: FlowDeps = {
    issuer: options.issuer,
    clientId,
    scope: options.scope ?? DEFAULT_SCOPE,
    baseUrl: () => baseUrl,
    timeoutMs,
    oob: (tenant) => {
      const manager = oobManagers.get(tenant);
      if (manager === undefined) throw new TypeError(`unknown tenant ${tenant}`);
      return manager;
    },
    tokens: new TenantTokens({
      issuer: options.issuer,
      clientId,
      store: stores.tokens,
      lockDir: options.lockDir ?? join(tmpdir(), 'latch-demo-server-locks'),
      dataResource: options.dataResource ?? `${options.issuer.replace(/\/+$/, '')}/resources/data`,
      metadata,
    }),
    metadata,
    sessions: () => sessions as AuthSessionManager,
    now,
    sleep: options.sleep ?? systemSleep,
    onError,
  };
  sessions = new AuthSessionManager({
    providers: {
      device: deviceFlow(flow),
      redirect: redirectFlow(flow),
      cli: cliFlow(flow, {
        cliPath: options.cliPath ?? defaultCliPath(),
        env: options.cliEnv ?? {},
        killGraceMs: options.cliKillGraceMs ?? 2_000,
      }),
    },
    store: stores.sessions,
    instanceId: `${instance}-${Math.random().toString(36).slice(2, 10)}`,
    timeoutMs,
    onError,
    now,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  });
  const streams = new Set<AbortController>();
  const instanceHeader = ['x-latch-instance', instance] as const;
  const apiHeaders = [...API_SECURITY_HEADERS, instanceHeader];
  const deps: AppDeps = {
    flow,
    sessions,
    sessionStore: stores.sessions,
    peekSession: stores.peekSession,
    signedIn: loginReader(options.cookieSecret, now),
    oobStore: stores.oob,
    tenants,
    cookie: {
      secret: options.cookieSecret,
      secure: options.secureCookies ?? baseUrl.startsWith('https:'),
    },
    limiter,
    signInLimiter,
    instance,
    apiHeaders: Object.fromEntries(apiHeaders),
    showDemoPasswords: options.showDemoPasswords ?? false,
    streams,
    keepAliveMs: options.keepAliveMs ?? 15_000,
    interval: systemInterval,
  };
  const app = buildApp(deps);
  const documentHeaders = [...(await securityHeaderList()), instanceHeader];
  const listener = getRequestListener(app.fetch);
  const server = createHttpServer((req, res) => {
    // Written before the app runs, so every answer (pages, JSON, SSE, redirects) has them: the
    // session routes get the short set for answers that are not documents, and the polled
    // status route writes that set itself.
    if (!writesOwnSecurityHeaders(req.method, req.url)) {
      const headers = req.url?.startsWith('/sessions/') ? apiHeaders : documentHeaders;
      for (const [name, value] of headers) res.setHeader(name, value);
    }
    return listener(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await sessions.close();
    await stores.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (baseUrl === '') baseUrl = url;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    instance,
    instanceId: sessions.instanceId,
    storage: stores.kind,
    close: () => {
      closing ??= (async () => {
        for (const stream of streams) stream.abort();
        await (sessions as AuthSessionManager).close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await stores.close();
      })();
      return closing;
    },
  };
}

/**
 * Builds the Hono app: CSRF protection, the routes, and the one 404 (the security headers are
 * written by the server around it).
 *
 * @param deps - The app's dependencies.
 * @returns The app.
 */
export function buildApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Only the state-changing methods pass a middleware: each route reads the sign-in itself
  // (`deps.signedIn`), so the polled status route can answer without one (see its comment).
  app.on(STATE_CHANGING_METHODS, '*', csrfProtection(deps));
  pageRoutes(app, deps);
  sessionRoutes(app, deps);
  sessionEvents(app, deps);
  callbackRoute(app, deps);
  // Both carry the short security header set themselves, for the requests whose headers the
  // server left to the app (see writesOwnSecurityHeaders); elsewhere it replaces the same names.
  app.notFound(() => notFoundResponse(deps.apiHeaders));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const refused = error.getResponse();
      const headers = new Headers(deps.apiHeaders);
      for (const [name, value] of refused.headers) headers.set(name, value);
      return new Response(refused.body, { status: refused.status, headers });
    }
    deps.flow.onError(error);
    return c.text('Something went wrong: try again.', 500, deps.apiHeaders);
  });
  return app;
}
