import type { IncomingMessage } from 'node:http';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './app-deps.js';
import {
  csrfTokenMatches,
  type Login,
  loginCookieValue,
  verifyLoginValue,
} from './login-cookie.js';
import { SESSION_ID_SOURCE } from './routes/owned-session.js';

/** The longest Cookie header whose verified sign-in is remembered. */
const MAX_REMEMBERED_HEADER_LENGTH = 512;

/** The largest request body the app reads: 16 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The options given to `hono/secure-headers`: the app's whole header policy. */
const SECURE_HEADERS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
};

/**
 * The security headers of every response, as `hono/secure-headers` computes them: a strict CSP
 * (nothing but same-origin script, style, images and connections; `data:` images; forms post
 * to this origin only; no framing, no `<base>`), no referrer, nosniff, and the rest of hono's
 * defaults.
 *
 * The policy is static (no nonce: `script-src 'self'`), so it is computed once, by running
 * hono's middleware on a probe request, and the server writes the list on every document
 * response before the app runs (see `createServer`; the session routes get
 * {@link API_SECURITY_HEADERS}, which the polled status route writes itself). Hono's middleware sets them on each finished
 * response instead, which makes `@hono/node-server` rebuild every response: that alone
 * halved the throughput of the polled status endpoint.
 *
 * @returns The header names and values.
 */
export async function securityHeaderList(): Promise<ReadonlyArray<readonly [string, string]>> {
  const probe = new Hono();
  probe.use('*', secureHeaders(SECURE_HEADERS));
  probe.get('/', (c) => c.body(null, 204));
  const response = await probe.request('/');
  return [...response.headers.entries()];
}

/**
 * The security headers of the answers that are not documents — the session routes under
 * `/sessions/` (the polled JSON status, its event stream, the QR code's SVG, and the redirects
 * after a cancel or a pasted callback): nothing may load, run or frame in them (an SVG opened
 * on its own included), nosniff, same-origin only, no referrer. The document-level policies
 * (CSP sources, COOP, HSTS…) of {@link securityHeaderList} mean nothing there, and the status
 * answer is the one polled: every header is work on every poll.
 */
export const API_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['x-content-type-options', 'nosniff'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['referrer-policy', 'no-referrer'],
];

/**
 * `/sessions/{id}` with an id of the session id's alphabet (`routes/owned-session.ts`), with or
 * without a query. Nothing else: a target that `@hono/node-server` rewrites before routing
 * (`/sessions/..`, `/sessions/%2e%2e` become `/`) must keep the headers the server writes.
 */
const STATUS_PATH = new RegExp(`^/sessions/${SESSION_ID_SOURCE}(?:\\?|$)`);

/**
 * Whether the app writes the security headers of a request's answers itself, instead of the
 * server writing them on node's response before the app runs: true of the polled status route
 * (`GET`/`HEAD /sessions/{id}`) only. Its answers carry them in their one header object — on a
 * poll, five `setHeader` calls and node's slower path for headers set ahead cost a fifth of
 * the throughput. Whatever else such a request can get (the 404, a 429, the 500) carries them
 * too: the app's not-found and error answers always do.
 *
 * @param method - The request method.
 * @param url - The request target.
 * @returns Whether the server must leave them out.
 */
export function writesOwnSecurityHeaders(
  method: string | undefined,
  url: string | undefined,
): boolean {
  return (method === 'GET' || method === 'HEAD') && url !== undefined && STATUS_PATH.test(url);
}

/**
 * Builds the function that reads a request's sign-in from its login cookie. Routes call it
 * themselves rather than through a middleware: with no middleware in front of it, the polled
 * status route can answer synchronously, which Hono and `@hono/node-server` turn into a much
 * shorter path than an asynchronous answer.
 *
 * A verified cookie is remembered, bounded, so a polling page costs one HMAC per sign-in, not
 * one per poll.
 *
 * @param secret - The login cookie's secret.
 * @param now - The clock, epoch ms.
 * @returns The reader: the signed-in tenant, or `undefined`.
 */
export function loginReader(secret: string, now: () => number): (c: Context) => Login | undefined {
  // Remembers the Cookie headers that carried a verified sign-in, when short: a polling page
  // sends the same header each time, so it costs one Map lookup. Only verified ones and only
  // short ones: what anyone can send unsigned costs an HMAC, never memory (10 000 × 512 bytes
  // at the most).
  const verified = new Map<string, Login>();
  return (c) => {
    // Node's own header, when served by @hono/node-server: reading it through `c.req` would
    // build a fetch `Headers` object for every request.
    const incoming = nodeRequest(c);
    const header = incoming === undefined ? c.req.header('cookie') : incoming.headers.cookie;
    let login = header === undefined ? undefined : verified.get(header);
    if (login === undefined && header !== undefined) {
      const raw = loginCookieValue(header);
      login = raw === undefined ? undefined : verifyLoginValue(raw, secret);
      if (login !== undefined && header.length <= MAX_REMEMBERED_HEADER_LENGTH) {
        if (verified.size >= 10_000) verified.clear();
        verified.set(header, login);
      }
    }
    // Checked on every request, remembered or not: a sign-in ends when its signed time does.
    return login !== undefined && now() < login.expiresAt ? login : undefined;
  };
}

/**
 * Node's own request behind a Hono context, when served by `@hono/node-server` (its `env`):
 * its headers and socket, without building fetch objects.
 *
 * @param c - The request context.
 * @returns The `IncomingMessage`, or `undefined` elsewhere (e.g. `app.request` in tests).
 */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** The methods that may change state: every one but GET, HEAD and OPTIONS. */
export const STATE_CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * CSRF protection of every state-changing request, registered for
 * {@link STATE_CHANGING_METHODS} (POST is the only one the app routes): the Origin /
 * `Sec-Fetch-Site` check of `hono/csrf`, a body limit, and — for every request but the
 * sign-in itself — a signed-in tenant and its synchronizer token (`_csrf` form field or
 * `x-csrf-token` header).
 *
 * @param deps - The app's dependencies.
 * @returns The middleware.
 */
export function csrfProtection(deps: AppDeps): MiddlewareHandler {
  const token: MiddlewareHandler = async (c, next) => {
    if (c.req.path === '/login') return next();
    const login = deps.signedIn(c);
    if (login === undefined) return forbidden(c, 'Sign in first.');
    const submitted = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    if (!csrfTokenMatches(login, deps.cookie.secret, submitted)) {
      return forbidden(c, 'This form is stale or was not sent by this site: reload the page.');
    }
    return next();
  };
  const origin = csrf();
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.text('The request is too large.', 413),
  });
  return (c, next) =>
    origin(c, async () => {
      await limit(c, async () => {
        const refused = await token(c, next);
        if (refused instanceof Response) c.res = refused;
      });
    });
}

/**
 * One field of a form body (url-encoded or multipart), or `undefined`.
 *
 * @param c - The request context.
 * @param name - The field.
 * @returns Its value.
 */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return undefined;
  try {
    const body = await c.req.parseBody();
    const value = body[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function forbidden(c: Context, message: string): Response {
  return c.text(message, 403);
}
