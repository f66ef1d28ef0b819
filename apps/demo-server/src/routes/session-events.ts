import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../app-deps.js';
import { notFoundResponse } from '../not-found.js';
import { type SessionView, toSessionView } from '../session-view.js';
import { ownedSession } from './owned-session.js';
import { rateLimited } from './session-routes.js';

/**
 * `GET /sessions/{id}/events`: the session as server-sent events — `status` events with the
 * {@link SessionView} JSON (the current state first, then every change, from any instance
 * through the session store's pub/sub), a comment every `keepAliveMs`, and the end of the
 * stream after a final state. Counts against the tenant's polling limit once per stream.
 *
 * @param app - The Hono app.
 * @param deps - The app's dependencies.
 */
export function sessionEvents(app: Hono, deps: AppDeps): void {
  app.get('/sessions/:id/events', async (c) => {
    const tenant = deps.signedIn(c)?.tenant;
    const limited = rateLimited(c, deps, tenant);
    if (limited) return limited;
    const id = c.req.param('id');
    const first = tenant === undefined ? undefined : await ownedSession(deps, tenant, id);
    if (first === undefined) return notFoundResponse();
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      deps.streams.add(stop);
      stream.onAbort(() => stop.abort());
      const queue: SessionView[] = [];
      let wake: (() => void) | undefined;
      const notify = () => {
        wake?.();
        wake = undefined;
      };
      const unsubscribe = deps.sessions.subscribe(id, (poll) => {
        queue.push(toSessionView(id, poll));
        notify();
      });
      let pings = 0;
      const stopTimer = deps.interval(deps.keepAliveMs, () => {
        pings += 1;
        notify();
      });
      stop.signal.addEventListener('abort', notify, { once: true });
      try {
        // Subscribed first, then read: no change can fall between the two.
        const current = await deps.sessions.poll(id);
        queue.unshift(toSessionView(id, current ?? first));
        let version = -1;
        while (!stop.signal.aborted) {
          const view = queue.shift();
          if (view !== undefined) {
            version += 1;
            await stream.writeSSE({
              event: 'status',
              data: JSON.stringify(view),
              id: String(version),
            });
            if (view.done) break;
            continue;
          }
          if (pings > 0) {
            pings = 0;
            await stream.write(': keep-alive\n\n');
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        unsubscribe();
        stopTimer();
        deps.streams.delete(stop);
      }
    });
  });
}
