import { DEFAULT_MAX_RESPONSE_BYTES } from './http-options.js';
import { parseOAuthErrorBody } from './parse-oauth-error-body.js';
import { discardBody, readBody } from './read-body.js';
import { HttpStatusError, InvalidResponseError } from './response-errors.js';
import { parseRetryAfter } from './retry-after.js';
import { now as systemNow } from './runtime.js';
import { sanitizeServerText } from './server-text.js';

/**
 * A successful (2xx) JSON response, read and parsed, for a protocol parser to check.
 */
export interface JsonResponse {
  /** The HTTP status (2xx). */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed JSON body (any JSON value: parsers check its shape), or `undefined` when ignored. */
  readonly body: unknown;
}

/**
 * Options of {@link parseJsonResponse}.
 */
export interface ParseJsonResponseOptions {
  /** The largest body read, in bytes. Default: 1 MiB. */
  readonly maxResponseBytes?: number | undefined;
  /** Cancels reading the body (an {@link AbortError}). Default: none. */
  readonly signal?: AbortSignal | undefined;
  /** The clock `Retry-After` dates are measured against. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /**
   * Skip the body of a 2xx response (its content type is not checked and `body` is
   * `undefined`), for endpoints such as RFC 7009 revocation whose success body means nothing.
   * Error responses are still read. Default: `false`.
   */
  readonly ignoreSuccessBody?: boolean | undefined;
}

/**
 * Reads a `Response` the way every latch endpoint call does, and turns failures into typed
 * errors. Works on any WHATWG `Response`, so it can be tested with a hand-made one.
 *
 * - 3xx (or an opaque redirect): {@link HttpStatusError} — latch never follows redirects.
 * - Non-2xx with an `application/json` body holding a string `error`: {@link OAuthError}
 *   (status and `Retry-After` kept). Otherwise: {@link HttpStatusError} with `retryAfter`.
 * - 2xx: the content type must be `application/json` (parameters allowed) and the body valid
 *   JSON, else {@link InvalidResponseError}.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1–5.2}
 * @param response - The response to read.
 * @param options - Size limit, signal, clock.
 * @returns The status, headers and parsed body of a 2xx response.
 * @throws {@link OAuthError}, {@link HttpStatusError}, {@link InvalidResponseError},
 *   {@link ResponseTooLargeError}, {@link AbortError} or {@link NetworkError} as above.
 * @example
 * ```ts
 * const response = new Response('{"ok":true}', {
 *   headers: { 'content-type': 'application/json' },
 * });
 * const { body } = await parseJsonResponse(response); // { ok: true }
 * ```
 */
export async function parseJsonResponse(
  response: Response,
  options?: ParseJsonResponseOptions,
): Promise<JsonResponse> {
  const maxBytes = options?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const status = response.status;
  const where = describeResponseUrl(response);
  const contentType = response.headers.get('content-type');
  const isJson = mediaType(contentType) === 'application/json';

  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400) || status === 0) {
    await discardBody(response);
    throw new HttpStatusError(
      `${where} answered with a redirect (HTTP ${status}); latch does not follow redirects. Configure the endpoint's final URL.`,
      { status },
    );
  }
  if (status < 200 || status >= 300) {
    const retryAfter = parseRetryAfter(
      response.headers.get('retry-after'),
      (options?.now ?? systemNow)(),
    );
    if (isJson) {
      const text = decode(await readBody(response, maxBytes, options?.signal));
      const oauthError = parseOAuthErrorBody(text === undefined ? undefined : tryParse(text), {
        status,
        retryAfter,
      });
      if (oauthError) throw oauthError;
    } else {
      await discardBody(response);
    }
    throw new HttpStatusError(describeStatus(where, status, retryAfter), { status, retryAfter });
  }
  if (options?.ignoreSuccessBody === true) {
    await discardBody(response);
    return { status, headers: response.headers, body: undefined };
  }
  if (!isJson) {
    await discardBody(response);
    const got =
      contentType === null
        ? 'no content type'
        : `content type "${sanitizeServerText(contentType, 80)}"`;
    throw new InvalidResponseError(
      `${where} answered HTTP ${status} with ${got}, expected application/json. Check that the URL is the right endpoint.`,
      { status },
    );
  }
  const text = decode(await readBody(response, maxBytes, options?.signal));
  const body = text === undefined ? undefined : tryParse(text);
  if (body === undefined) {
    throw new InvalidResponseError(
      `${where} answered HTTP ${status} with a body that is not valid JSON (it may have been cut off). Retry; if it persists, report it to the server's operator.`,
      { status },
    );
  }
  return { status, headers: response.headers, body };
}

function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

// The SyntaxError is dropped on purpose: V8 quotes the offending input, which may be a token.
function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeResponseUrl(response: Response): string {
  try {
    const url = new URL(response.url);
    return `The server at ${url.origin}${url.pathname}`;
  } catch {
    return 'The server';
  }
}

function describeStatus(where: string, status: number, retryAfter: number | undefined): string {
  const wait = retryAfter === undefined ? 'Retry later.' : `Retry after ${retryAfter} seconds.`;
  if (status === 429) return `${where} is rate limiting requests (HTTP 429). ${wait}`;
  if (status === 503) return `${where} is unavailable (HTTP 503). ${wait}`;
  if (status >= 500) {
    return `${where} failed with HTTP ${status} and no OAuth error. ${wait} If it persists, contact the server's operator.`;
  }
  if (status === 404) return `${where} answered HTTP 404 Not Found. Check the endpoint URL.`;
  return `${where} answered HTTP ${status} without an OAuth error body. Check the endpoint URL and the client's registration.`;
}
