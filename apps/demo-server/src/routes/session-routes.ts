import type { Context, Hono } from 'hono';
import { renderSVG } from 'uqr';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { FLOWS, type FlowName } from '../flows/flow-deps.js';
import { CALLBACK_PATH, finishRedirect } from '../flows/redirect-flow.js';
import { notFoundResponse } from '../not-found.js';
import { formField } from '../security.js';
import { toSessionView } from '../session-view.js';
import { ownedSession } from './owned-session.js';

/** The headers of the polled status answer. */
const JSON_NO_STORE = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
} as const;

/**
 * The session routes:
 * - `POST /sessions` (`flow`): cancels the tenant's running logins, starts one, → 303 `/?session={id}`;
 * - `GET /sessions/{id}`: the session's view as JSON (rate-limited per tenant);
 * - `GET /sessions/{id}/qr.svg`: the QR code of the verification link;
 * - `POST /sessions/{id}/cancel`: cancels it (its driver, child process included, stops);
 * - `POST /sessions/{id}/callback` (`url`): a pasted callback URL.
 * Another tenant's, unknown and finished-and-swept ids all get the one 404.
 *
 * @param app - The Hono app.
 * @param deps - The app's dependencies.
 */
export function sessionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/sessions', async (c) => {
    const tenant = c.get('login')?.tenant as string;
    const flow = (await formField(c, 'flow')) ?? 'device';
    if (!(FLOWS as readonly string[]).includes(flow)) return c.text('Unknown flow.', 400);
    await cancelRunning(deps, tenant);
    const id = await deps.sessions.start(flow as FlowName, { intoBundleId: tenant });
    return c.redirect(`/?session=${encodeURIComponent(id)}`, 303);
  });

  app.get('/sessions/:id', async (c) => {
    const limited = rateLimited(c, deps);
    if (limited) return limited;
    const id = c.req.param('id');
    const poll = await ownedSession(deps, c.get('login')?.tenant ?? '', id);
    if (c.get('login') === undefined || poll === undefined) return notFoundResponse();
    // A plain Response with plain headers: the status endpoint is the one polled, and building
    // it through the context would allocate a fetch Headers object per answer.
    return new Response(JSON.stringify(toSessionView(id, poll)), { headers: JSON_NO_STORE });
  });

  app.get('/sessions/:id/qr.svg', async (c) => {
    const limited = rateLimited(c, deps);
    if (limited) return limited;
    const id = c.req.param('id');
    const poll = await ownedSession(deps, c.get('login')?.tenant ?? '', id);
    if (c.get('login') === undefined || poll?.status !== 'code-emitted') return notFoundResponse();
    const svg = renderSVG(poll.verificationUrlComplete ?? poll.verificationUrl);
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
  });

  app.post('/sessions/:id/cancel', async (c) => {
    const id = c.req.param('id');
    const tenant = c.get('login')?.tenant as string;
    if ((await ownedSession(deps, tenant, id)) === undefined) return notFoundResponse();
    await deps.sessions.cancel(id);
    return c.redirect(`/?session=${encodeURIComponent(id)}`, 303);
  });

  app.post('/sessions/:id/callback', async (c) => {
    const id = c.req.param('id');
    const tenant = c.get('login')?.tenant as string;
    const poll = await ownedSession(deps, tenant, id);
    if (poll === undefined) return notFoundResponse();
    const pasted = (await formField(c, 'url')) ?? '';
    const back = c.redirect(`/?session=${encodeURIComponent(id)}`, 303);
    if (poll.providerId !== 'redirect') {
      return (await deps.sessions.submitCallbackUrl(id, pasted))
        ? back
        : c.text('The login did not take that address.', 400);
    }
    const pendingId = pendingIdOf(pasted);
    const oob = deps.flow.oob(tenant);
    const pending = pendingId === undefined ? undefined : await oob.get(pendingId);
    if (pending === undefined || pending.data.sessionId !== id) {
      return c.text('That address is not the callback of this login.', 400);
    }
    const taken = await oob.complete(pending.id);
    if (taken === undefined) return back;
    await finishRedirect(deps.flow, taken, new URL(pasted).searchParams);
    return back;
  });
}

/** The pending id in a pasted `…/oob/callback/{id}?…` URL. */
function pendingIdOf(pasted: string): string | undefined {
  const url = URL.parse(pasted.trim());
  if (url === null) return undefined;
  const prefix = `${CALLBACK_PATH}/`;
  if (!url.pathname.startsWith(prefix)) return undefined;
  const id = url.pathname.slice(prefix.length);
  return /^[A-Za-z0-9_-]{22,128}$/.test(id) ? id : undefined;
}

/** Cancels every login the tenant still has running (a new one replaces them). */
async function cancelRunning(deps: AppDeps, tenant: string): Promise<void> {
  const pendings = await deps.flow.oob(tenant).list();
  await Promise.all(pendings.map((pending) => deps.sessions.cancel(pending.data.sessionId)));
}

/**
 * Applies the per-tenant polling limit: a 429 with `Retry-After` when the tenant used its
 * window up, else `undefined`. Requests without a sign-in are not counted (they get the 404).
 *
 * @param c - The request context.
 * @param deps - The app's dependencies.
 * @returns The 429, or `undefined`.
 */
export function rateLimited(c: Context<AppEnv>, deps: AppDeps): Response | undefined {
  const tenant = c.get('login')?.tenant;
  if (tenant === undefined) return undefined;
  const decision = deps.limiter.take(tenant);
  if (decision.allowed) return undefined;
  return c.text('Too many requests: slow down.', 429, {
    'retry-after': String(decision.retryAfterSeconds),
  });
}
