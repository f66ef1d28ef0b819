import { sleep } from '@latch/core';
import type { Issuer } from '@latch/issuer';
import { createServer, type DemoServer } from '../create-server.js';
import type { DemoServerOptions } from '../server-options.js';
import { DEMO_TENANTS } from '../tenants.js';

/** The cookie secret every test instance shares. */
export const TEST_SECRET = 'test-secret-0123456789abcdef-0123456789abcdef';

/** Device polling without RFC 8628's 5 s default wait: at most 50 ms per wait. */
export const fastSleep = (ms: number, signal?: AbortSignal) => sleep(Math.min(ms, 50), signal);

/** Starts a server instance against `issuer` with test settings. */
export function startServer(
  issuer: Issuer,
  overrides: Partial<DemoServerOptions> = {},
): Promise<DemoServer> {
  return createServer({
    issuer: issuer.url,
    cookieSecret: TEST_SECRET,
    sleep: fastSleep,
    cliEnv: { LATCH_TEST_POLL_MS: '100' },
    cliKillGraceMs: 500,
    onError: () => {},
    ...overrides,
  });
}

/** A signed-in tenant, as a browser would hold it. */
export interface TenantClient {
  /** The tenant id. */
  readonly tenant: string;
  /** The `cookie` request header. */
  readonly cookie: string;
  /** The sign-in's CSRF token, read from the page. */
  readonly csrf: string;
}

/** Signs a demo tenant in over HTTP and reads its CSRF token from the page. */
export async function signIn(server: { url: string }, tenant = 'acme'): Promise<TenantClient> {
  const password = DEMO_TENANTS.find((t) => t.id === tenant)?.password ?? '';
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ tenant, password, next: '/' }),
  });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const page = await (await fetch(`${server.url}/`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (csrf === undefined) throw new Error('no CSRF token on the page');
  return { tenant, cookie, csrf };
}

/** POSTs a form as a signed-in tenant from the server's own origin (a browser's form post). */
export function postForm(
  server: { url: string },
  client: TenantClient,
  path: string,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: server.url,
      cookie: client.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams({ _csrf: client.csrf, ...fields }),
  });
}

/** Starts a login with `flow`; returns the session id from the redirect. */
export async function startFlow(
  server: { url: string },
  client: TenantClient,
  flow: string,
): Promise<string> {
  const response = await postForm(server, client, '/sessions', { flow });
  const location = response.headers.get('location') ?? '';
  const id = new URL(location, server.url).searchParams.get('session');
  if (response.status !== 303 || id === null) throw new Error(`start answered ${response.status}`);
  return id;
}

/** GETs a path as a tenant. */
export function get(server: { url: string }, client: TenantClient | undefined, path: string) {
  return fetch(`${server.url}${path}`, {
    redirect: 'manual',
    headers: client === undefined ? {} : { cookie: client.cookie },
  });
}

/** A session's JSON view. */
export async function view(server: { url: string }, client: TenantClient, id: string) {
  const response = await get(server, client, `/sessions/${id}`);
  if (response.status !== 200) throw new Error(`status answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Polls `check` until it returns something (every 25 ms, at most `timeoutMs`). */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${check}`);
    await sleep(25);
  }
}

/** Waits for a session's view to reach `status`. */
export function untilStatus(
  server: { url: string },
  client: TenantClient,
  id: string,
  status: string,
  timeoutMs?: number,
) {
  return until(async () => {
    const current = await view(server, client, id);
    if (current.status === 'failed' && status !== 'failed') {
      throw new Error(`the login failed: ${String(current.error)}`);
    }
    return current.status === status ? current : undefined;
  }, timeoutMs);
}
