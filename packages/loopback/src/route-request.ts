import type { ExpectedCallback } from './callback.js';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { PAGES } from './pages.js';
import { parseQuery } from './parse-query.js';
import type { PageContent } from './render-page.js';
import { type CallbackValidation, validateCallback } from './validate-callback.js';

/** What the loopback server knows when a request arrives. @internal */
export interface RouteContext {
  /** The path the redirect URI names, e.g. `/callback`. */
  readonly callbackPath: string;
  /** The path of the result page, known only to the browser that sent the accepted callback. */
  readonly donePath: string;
  /** Whether a callback was already accepted. */
  readonly accepted: boolean;
  /** What a callback must match. */
  readonly expected: ExpectedCallback;
}

/** What to do with one request. @internal */
export type RouteDecision =
  | {
      readonly kind: 'page';
      readonly status: number;
      readonly page: PageContent;
      readonly allow?: string;
    }
  | { readonly kind: 'callback'; readonly validation: CallbackValidation }
  | { readonly kind: 'result' };

const LOOPBACK_HOST_HEADER = /^(?:127\.0\.0\.1|\[::1\]|localhost)(?::\d{1,5})?$/i;

/**
 * Decides how the loopback server answers a request. Pure. Only a `GET` of the callback path
 * with a well-formed query can become a `callback`; other paths are 404, other methods 405; a
 * `Host` that does not name this machine (DNS rebinding) is 400.
 *
 * @param method - The request method.
 * @param target - The request target (`req.url`).
 * @param host - The `Host` header.
 * @param context - The server's state.
 * @returns The decision.
 * @internal
 */
export function routeRequest(
  method: string | undefined,
  target: string | undefined,
  host: string | undefined,
  context: RouteContext,
): RouteDecision {
  if (!isLoopbackHostHeader(host) || target === undefined || !target.startsWith('/')) {
    return { kind: 'page', status: 400, page: PAGES.badRequest() };
  }
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  const query = at < 0 ? '' : target.slice(at + 1);

  if (context.accepted && path === context.donePath) {
    return method === 'GET'
      ? { kind: 'result' }
      : { kind: 'page', status: 405, page: PAGES.methodNotAllowed(), allow: 'GET' };
  }
  if (path !== context.callbackPath) return { kind: 'page', status: 404, page: PAGES.notFound() };
  if (method !== 'GET') {
    return { kind: 'page', status: 405, page: PAGES.methodNotAllowed(), allow: 'GET' };
  }
  if (context.accepted) return { kind: 'page', status: 409, page: PAGES.completed() };

  let params: URLSearchParams;
  try {
    params = parseQuery(query);
  } catch (error) {
    const reason = CallbackRejectedError.isInstance(error) ? error.reason : 'malformed';
    return {
      kind: 'page',
      status: reason === 'too_long' ? 414 : 400,
      page: PAGES.rejected(reason),
    };
  }
  return { kind: 'callback', validation: validateCallback(params, context.expected) };
}

function isLoopbackHostHeader(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST_HEADER.test(host);
}
