import type { PollResult } from '@latch/auth-session';
import type { Context, Hono } from 'hono';
import { renderSVG } from 'uqr';
import type { AppDeps } from '../app-deps.js';
import { FLOWS, type FlowName } from '../flows/flow-deps.js';
import { CALLBACK_PATH, finishRedirect } from '../flows/redirect-flow.js';
import { notFoundResponse } from '../not-found.js';
import { formField } from '../security.js';
import { toSessionView } from '../session-view.js';
import { ownedSession } from './owned-session.js';

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
export function sessionRoutes(app: Hono, deps: AppDeps): void {
  // The status route's answers carry their security headers (see writesOwnSecurityHeaders).
  const statusHeaders = {
    ...deps.apiHeaders,
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  // The JSON of each poll result, for as long as it lives (see ownedSession): one per change
  // of a session polled from memory.
  const bodies = new WeakMap<PollResult, string>();
  // A plain Response with one plain header object: building it through the context would
  // allocate a fetch Headers object per poll.
  const statusAnswer = (id: string, poll: PollResult | undefined): Response => {
    if (poll === undefined) return notFoundResponse(deps.apiHeaders);
    let body = bodies.get(poll);
    if (body === undefined) {
      body = JSON.stringify(toSessionView(id, poll));
      bodies.set(poll, body);
    }
    return new Response(body, { headers: statusHeaders });
  };
  app.post('/sessions', async (c) => {
    const tenant = deps.signedIn(c)?.tenant;
    if (tenant === undefined) return notFoundResponse();
    const flow = (await formField(c, 'flow')) ?? 'device';
    if (!(FLOWS as readonly string[]).includes(flow)) return c.text('Unknown flow.', 400);
    await cancelRunning(deps, tenant);
    const id = await deps.sessions.start(flow as FlowName, { intoBundleId: tenant });
    return c.redirect(`/?session=${encodeURIComponent(id)}`, 303);
  });

  // The polled route. It answers synchronously when it can (memory state, no timeout to apply):
  // Hono and @hono/node-server then skip the promise chain, the close listener and the async
  // writer of an answer that is a promise. Hence no middleware in front of any route.
  app.get('/sessions/:id', (c): Response | Promise<Response> => {
    const tenant = deps.signedIn(c)?.tenant;
    const limited = rateLimited(c, deps, tenant);
    if (limited) return limited;
    const id = c.req.param('id');
    const poll = tenant === undefined ? undefined : ownedSession(deps, tenant, id);
    return poll instanceof Promise
      ? poll.then((found) => statusAnswer(id, found))
      : statusAnswer(id, poll);
  });

  app.get('/sessions/:id/qr.svg', async (c) => {
    const tenant = deps.signedIn(c)?.tenant;
    const limited = rateLimited(c, deps, tenant);
    if (limited) return limited;
    const id = c.req.param('id');
    const poll = tenant === undefined ? undefined : await ownedSession(deps, tenant, id);
    if (poll?.status !== 'code-emitted') return notFoundResponse();
    const svg = renderSVG(poll.verificationUrlComplete ?? poll.verificationUrl);
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
  });

  app.post('/sessions/:id/cancel', async (c) => {
    const id = c.req.param('id');
    const tenant = deps.signedIn(c)?.tenant;
    if (tenant === undefined || (await ownedSession(deps, tenant, id)) === undefined) {
      return notFoundResponse();
    }
    await deps.sessions.cancel(id);
    return c.redirect(`/?session=${encodeURIComponent(id)}`, 303);
  });

  app.post('/sessions/:id/callback', async (c) => {
    const id = c.req.param('id');
    const tenant = deps.signedIn(c)?.tenant;
    const poll = tenant === undefined ? undefined : await ownedSession(deps, tenant, id);
    if (tenant === undefined || poll === undefined) return notFoundResponse();
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
 * @param tenant - The signed-in tenant, if any.
 * @returns The 429, or `undefined`.
 */
export function rateLimited(
  c: Context,
  deps: AppDeps,
  tenant: string | undefined,
): Response | undefined {
  if (tenant === undefined) return undefined;
  const decision = deps.limiter.take(tenant);
  if (decision.allowed) return undefined;
  return c.text('Too many requests: slow down.', 429, {
    ...deps.apiHeaders,
    'retry-after': String(decision.retryAfterSeconds),
  });
}
