import type { OAuthError } from '@latch/core';
import type { Callback, ExpectedCallback } from './callback.js';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { parseQuery } from './parse-query.js';
import { validateCallback } from './validate-callback.js';

/**
 * What a pasted redirect URL must match: the {@link ExpectedCallback} checks, and optionally the
 * redirect URI it must go to.
 */
export interface ParseCallbackUrlOptions extends ExpectedCallback {
  /**
   * The redirect URI of this login; the pasted URL's origin and path must be the same (its
   * query is the callback). Default: none (any origin and path).
   */
  readonly redirectUri?: string | undefined;
}

/**
 * Parses the address a browser ended on (pasted by the user when the browser runs on another
 * machine and could not reach the loopback server) and checks it exactly as the loopback
 * server checks a callback ({@link validateCallback}).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2}
 * @param pastedUrl - The URL as pasted; surrounding white space is ignored.
 * @param expected - The state sent, the issuer expected, and the redirect URI.
 * @returns The checked code, state and iss.
 * @throws {@link CallbackRejectedError} when the URL is malformed, goes elsewhere, or fails the
 *   state or iss checks: let the user paste again.
 * @throws `OAuthError` (core) when it is this login's error response (e.g. `access_denied`).
 * @throws TypeError for a bad `expected`.
 * @example
 * ```ts
 * const { code } = parseCallbackUrl(pasted, { state, redirectUri });
 * ```
 */
export function parseCallbackUrl(pastedUrl: string, expected: ParseCallbackUrlOptions): Callback {
  const redirect = expected?.redirectUri === undefined ? undefined : parseRedirect(expected);
  let url: URL;
  try {
    url = new URL(String(pastedUrl).trim());
  } catch (error) {
    throw new CallbackRejectedError({ reason: 'malformed', cause: error });
  }
  if (redirect !== undefined && `${url.origin}${url.pathname}` !== redirect) {
    throw new CallbackRejectedError({ reason: 'wrong_redirect' });
  }
  const verdict = validateCallback(parseQuery(url.search), expected);
  if (verdict.outcome === 'code') return verdict.callback;
  throw verdict.error satisfies CallbackRejectedError | OAuthError;
}

function parseRedirect(expected: ParseCallbackUrlOptions): string {
  try {
    const url = new URL(String(expected.redirectUri));
    return `${url.origin}${url.pathname}`;
  } catch {
    throw new TypeError('expected.redirectUri must be an absolute URL');
  }
}
