const MARKERS = /\b401\b|\binvalid_token\b|\btoken_expired\b/;

/**
 * Tells whether a failure looks like a resource server refusing the bearer token: HTTP 401, or
 * the RFC 6750 `invalid_token` error (also `token_expired`, which some APIs send). Checks, in
 * order: a `status`, `statusCode` or `response.status` of 401; an `error` or `code` of
 * `invalid_token` / `token_expired`; a `WWW-Authenticate` header with `error="invalid_token"`;
 * and finally the message, for clients that only put the status in their text. The `cause`
 * chain is followed a few levels deep.
 *
 * It is deliberately loose — a false positive costs one refresh and one retry; a miss costs
 * the user a failed command — and {@link WithAutoRefreshOptions.isUnauthorized} replaces it.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6750#section-3.1 | RFC 6750 §3.1}
 * @param error - Anything a call with a bearer token threw.
 * @returns `true` when it looks like an expired or refused token.
 * @example
 * ```ts
 * isUnauthorizedError(Object.assign(new Error('Unauthorized'), { status: 401 })); // true
 * isUnauthorizedError(new Error('HTTP 500')); // false
 * ```
 */
export function isUnauthorizedError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (looksUnauthorized(current as Record<string, unknown>)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return typeof error === 'string' && MARKERS.test(error);
}

/**
 * Tells whether a call's result is itself a 401 answer — a WHATWG `Response` (or anything with
 * a numeric `status` and `headers`) whose status is 401 — as `fetch` returns without throwing.
 *
 * @param value - What the call returned.
 * @returns `true` for a 401 response.
 * @example
 * ```ts
 * isUnauthorizedResponse(new Response(null, { status: 401 })); // true
 * ```
 */
export function isUnauthorizedResponse(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { status?: unknown }).status === 401 &&
    typeof (value as { headers?: unknown }).headers === 'object'
  );
}

function looksUnauthorized(value: Record<string, unknown>): boolean {
  const response = value.response as Record<string, unknown> | undefined;
  if (value.status === 401 || value.statusCode === 401 || response?.status === 401) return true;
  for (const field of [value.error, value.code]) {
    if (field === 'invalid_token' || field === 'token_expired') return true;
  }
  const challenge = headerOf(value.headers) ?? headerOf(response?.headers);
  if (challenge !== undefined && /error="?invalid_token"?/.test(challenge)) return true;
  return typeof value.message === 'string' && MARKERS.test(value.message);
}

function headerOf(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  const value =
    typeof get === 'function'
      ? (get as (name: string) => unknown).call(headers, 'www-authenticate')
      : (headers as Record<string, unknown>)['www-authenticate'];
  return typeof value === 'string' ? value : undefined;
}
