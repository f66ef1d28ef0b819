import { OAuthError } from './oauth-error.js';

/**
 * Options of {@link parseOAuthErrorBody}.
 */
export interface ParseOAuthErrorBodyOptions {
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
  /** Seconds from the response's `Retry-After`. Default: none. */
  readonly retryAfter?: number | undefined;
}

/**
 * Reads an RFC 6749 §5.2 error body: a JSON object whose `error` is a non-empty string.
 * Pure: it returns the error rather than throwing it.
 *
 * `error_description` and `error_uri` are kept only when they are strings.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 * @param body - A parsed JSON body.
 * @param options - Status and Retry-After to record on the error.
 * @returns An {@link OAuthError}, or `undefined` when `body` is not an OAuth error body.
 * @example
 * ```ts
 * const err = parseOAuthErrorBody({ error: 'invalid_grant' }, { status: 400 });
 * if (err) throw err;
 * ```
 */
export function parseOAuthErrorBody(
  body: unknown,
  options?: ParseOAuthErrorBodyOptions,
): OAuthError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { error, error_description, error_uri } = body as Record<string, unknown>;
  if (typeof error !== 'string' || error.length === 0) return undefined;
  return new OAuthError({
    error,
    errorDescription: typeof error_description === 'string' ? error_description : undefined,
    errorUri: typeof error_uri === 'string' ? error_uri : undefined,
    status: options?.status,
    retryAfter: options?.retryAfter,
  });
}
