import { resolveCallback } from '@latch/oob';
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { CALLBACK_PATH, finishRedirect } from '../flows/redirect-flow.js';
import { notFoundResponse } from '../not-found.js';

/**
 * `GET /oob/callback/{id}`: where the issuer sends the browser back (RFC 6749 §4.1.2), on any
 * instance. `@latch/oob` finds the pending by id — only in the namespace of the tenant whose
 * login cookie the browser carries, and only a redirect login's — and takes it atomically, so
 * a replay, an unknown id and another tenant's id all get the one 404. Requiring the tenant's
 * cookie stops a forged callback from connecting someone else's account into a tenant.
 * Then the code is exchanged (PKCE) and the browser goes back to the tenant page.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2}
 * @param app - The Hono app.
 * @param deps - The app's dependencies.
 */
export function callbackRoute(app: Hono, deps: AppDeps): void {
  app.get(`${CALLBACK_PATH}/:id`, async (c) => {
    const tenant = deps.signedIn(c)?.tenant;
    if (tenant === undefined) return notFoundResponse();
    const found = await resolveCallback(deps.oobStore, c.req.param('id'), {
      namespace: tenant,
      kinds: ['oauth_redirect'],
      consume: true,
    });
    if (!found.found) return notFoundResponse();
    const params = new URL(c.req.url).searchParams;
    await finishRedirect(deps.flow, found.pending, params);
    return c.redirect(`/?session=${encodeURIComponent(found.pending.data.sessionId)}`, 303);
  });
}
