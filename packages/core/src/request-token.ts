import { parseTokenResponse } from './parse-token-response.js';
import { type FormParams, type PostFormOptions, postForm } from './post-form.js';
import { resolveRuntime } from './runtime.js';
import type { TokenSet } from './token-set.js';

/**
 * Options of {@link requestToken}.
 */
export interface RequestTokenOptions extends PostFormOptions {
  /**
   * Accept `token_type` `N_A` (RFC 8693 tokens that are not access tokens).
   * Default: `false`.
   */
  readonly allowTokenTypeNA?: boolean | undefined;
}

/**
 * Sends a token request (any grant) and returns the parsed {@link TokenSet}: the time is read
 * from the injected clock before sending, the form is sent with {@link postForm}, and the
 * answer checked by {@link parseTokenResponse}.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3 | RFC 6749 §4.1.3, §5.1, §5.2, §6}
 * @param endpoint - The token endpoint.
 * @param params - The grant's parameters; `grant_type` is required.
 * @param options - Everything {@link postForm} takes, plus `allowTokenTypeNA`.
 * @returns The tokens; `expiresAt` counts from before the request was sent.
 * @throws TypeError when `params.grant_type` is missing, or for a malformed URL or option.
 * @throws {@link OAuthError} for the server's error response (e.g. `invalid_grant`, or
 *   `authorization_pending` while polling), and whatever {@link postForm} or
 *   {@link parseTokenResponse} throws.
 * @example
 * ```ts
 * const tokens = await requestToken(metadata.tokenEndpoint, {
 *   grant_type: 'refresh_token',
 *   refresh_token: stored.refreshToken,
 * }, { client: { clientId: 'my-cli' } });
 * ```
 */
export async function requestToken(
  endpoint: string | URL,
  params: FormParams,
  options?: RequestTokenOptions,
): Promise<TokenSet> {
  const grantType =
    params instanceof URLSearchParams ? params.get('grant_type') : params?.grant_type;
  if (typeof grantType !== 'string' || grantType.length === 0) {
    throw new TypeError('requestToken: params.grant_type is required');
  }
  const requestedAt = resolveRuntime(options).now();
  const response = await postForm(endpoint, params, options);
  return parseTokenResponse(response.body, {
    requestedAt,
    allowTokenTypeNA: options?.allowTokenTypeNA,
    status: response.status,
  });
}
