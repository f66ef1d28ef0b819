import { NotLoggedInError, ReauthRequiredError } from '@latch/token-manager';
import { CorruptStoreError } from '@latch/tokenstore';
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { addressBucket } from '../client-address.js';
import { FLOWS, type FlowName } from '../flows/flow-deps.js';
import { CLIENT_SCRIPT, STYLES } from '../html/client-script.js';
import { signInPage } from '../html/sign-in-page.js';
import { tenantPage } from '../html/tenant-page.js';
import { clearLogin, csrfTokenFor, issueLogin, type Login } from '../login-cookie.js';
import { safeNextPath } from '../safe-next.js';
import { formField, nodeRequest } from '../security.js';
import { type SessionView, toSessionView } from '../session-view.js';
import type { ApiCallResult } from '../tenant-tokens.js';
import { passwordMatches } from '../tenants.js';
import { ownedSession } from './owned-session.js';

/**
 * The page routes: `GET /` (sign-in page, or the tenant's page), `POST /login`,
 * `POST /logout`, `POST /api-call`, `POST /disconnect`, and the two static files.
 *
 * @param app - The Hono app.
 * @param deps - The app's dependencies.
 */
export function pageRoutes(app: Hono, deps: AppDeps): void {
  app.get('/static/app.js', (c) =>
    c.body(CLIENT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/static/app.css', (c) =>
    c.body(STYLES, 200, { 'content-type': 'text/css; charset=utf-8' }),
  );

  app.get('/', async (c) => {
    const login = deps.signedIn(c);
    if (login === undefined || !deps.tenants.has(login.tenant)) {
      return c.html(signInView(deps, safeNextPath(nextOf(c.req.url))));
    }
    return renderTenant(c, deps, login, {});
  });

  app.post('/login', async (c) => {
    const tenantId = (await formField(c, 'tenant')) ?? '';
    const tenant = deps.tenants.get(tenantId);
    const next = safeNextPath(await formField(c, 'next'));
    // Failed sign-ins are counted per client address (an IPv6 one by its /64) and tenant
    // (unknown tenant ids share one key); once the window is used up, no password is even
    // compared until it ends.
    const key = `${clientAddress(c)} ${tenant?.id ?? '?'}`;
    const wait = deps.signInLimiter.check(key);
    if (!wait.allowed) {
      const message = `Too many failed sign-ins: try again in ${wait.retryAfterSeconds} s.`;
      c.header('retry-after', String(wait.retryAfterSeconds));
      return c.html(signInView(deps, next, message), 429);
    }
    if (!passwordMatches(tenant, await formField(c, 'password')) || tenant === undefined) {
      deps.signInLimiter.take(key);
      return c.html(signInView(deps, next, 'Wrong tenant or password.'), 401);
    }
    await issueLogin(c, tenant.id, deps.cookie, deps.flow.now());
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    clearLogin(c, deps.cookie);
    return c.redirect('/', 303);
  });

  app.post('/disconnect', async (c) => {
    const login = deps.signedIn(c);
    if (login !== undefined) await deps.flow.tokens.disconnect(login.tenant);
    return c.redirect('/', 303);
  });

  app.post('/api-call', async (c) => {
    const login = deps.signedIn(c);
    if (login === undefined) return c.redirect('/', 303);
    try {
      const apiCall = await deps.flow.tokens.callApi(login.tenant, c.req.raw.signal);
      return renderTenant(c, deps, login, { apiCall });
    } catch (error) {
      deps.flow.onError(error);
      const message = NotLoggedInError.isInstance(error)
        ? 'No account is connected.'
        : ReauthRequiredError.isInstance(error)
          ? 'The connection has ended: connect the account again.'
          : CorruptStoreError.isInstance(error)
            ? 'The stored connection could not be read: connect the account again.'
            : 'The API call failed: try again.';
      return renderTenant(c, deps, login, { message }, 502);
    }
  });
}

function signInView(deps: AppDeps, next: string, message?: string) {
  return signInPage({
    tenants: [...deps.tenants.values()],
    showPasswords: deps.showDemoPasswords,
    next,
    message,
    instance: deps.instance,
  });
}

function nextOf(url: string): string | null {
  return new URL(url).searchParams.get('next');
}

async function renderTenant(
  c: Context,
  deps: AppDeps,
  login: Login,
  extra: { apiCall?: ApiCallResult; message?: string },
  status: 200 | 502 = 200,
): Promise<Response> {
  const tenant = deps.tenants.get(login.tenant);
  if (tenant === undefined) return c.redirect('/', 303);
  const url = new URL(c.req.url);
  const flowParam = url.searchParams.get('flow') ?? 'device';
  const flow = (
    (FLOWS as readonly string[]).includes(flowParam) ? flowParam : 'device'
  ) as FlowName;
  const [connection, session] = await Promise.all([
    deps.flow.tokens.connection(tenant.id),
    currentSession(deps, tenant.id, url.searchParams.get('session')),
  ]);
  return c.html(
    tenantPage({
      tenant,
      csrf: csrfTokenFor(login, deps.cookie.secret),
      connection,
      session,
      flow,
      apiCall: extra.apiCall,
      message: extra.message,
      instance: deps.instance,
    }),
    status,
  );
}

/** The session named in `?session=` (if the tenant's), else the tenant's newest running one. */
async function currentSession(
  deps: AppDeps,
  tenant: string,
  named: string | null,
): Promise<SessionView | undefined> {
  if (named !== null) {
    const poll = await ownedSession(deps, tenant, named);
    if (poll !== undefined) return toSessionView(named, poll);
  }
  const pendings = await deps.flow.oob(tenant).list();
  for (const pending of pendings.reverse()) {
    const poll = await ownedSession(deps, tenant, pending.data.sessionId);
    if (poll !== undefined) return toSessionView(pending.data.sessionId, poll);
  }
  return undefined;
}

/** The client's address as the socket sees it (the proxy's, behind one), as a limit counts it. */
function clientAddress(c: Context): string {
  return addressBucket(nodeRequest(c)?.socket.remoteAddress ?? 'unknown');
}
