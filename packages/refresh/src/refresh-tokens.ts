import { type HttpOptions, OAuthError, requestToken, type TokenSet } from '@latch/core';
import { RefreshTokenRejectedError } from './refresh-token-rejected-error.js';

/**
 * Options of {@link refreshTokens}: the request, plus core's `HttpOptions` (timeout, signal,
 * clock, transport, `allowInsecureHttp`…).
 */
export interface RefreshTokensOptions extends HttpOptions {
  /** The token endpoint (`token_endpoint` in the server's metadata). */
  readonly endpoint: string | URL;
  /** The public client's `client_id`, sent in the body. */
  readonly clientId: string;
  /** The refresh token to redeem. */
  readonly refreshToken: string;
  /**
   * A narrower `scope` than the one originally granted (RFC 6749 §6: it must not add any).
   * A list is joined with spaces. Default: none, which keeps the original scope.
   */
  readonly scope?: string | readonly string[] | undefined;
  /**
   * The `resource` indicator(s) of the access token to mint (RFC 8707 §2.2), absolute URIs
   * without a fragment; a list is sent as repeated parameters. Default: none.
   */
  readonly resource?: string | readonly string[] | undefined;
  /** Cancels the request; `refreshTokens` then rejects with core's `AbortError`. Default: none. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Redeems a refresh token for new tokens with the refresh token grant (RFC 6749 §6), through
 * core's `requestToken`.
 *
 * When the server rotates the refresh token, the new one is in the result and the old one is
 * spent. When it returns none, the old one stays valid and is kept in the result, so the
 * caller can always store the returned `TokenSet` as it is.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6}
 * @param options - Endpoint, client id, refresh token, optional scope and resource, and the HTTP
 *   options.
 * @returns The new `TokenSet`; `refreshToken` is the server's new one, else `options.refreshToken`.
 * @throws TypeError when `clientId` or `refreshToken` is not a non-empty string, `scope` or
 *   `resource` is malformed, or the URL or an option is malformed (never quoting the token).
 * @throws {@link RefreshTokenRejectedError} when the server answers `invalid_grant`.
 * @throws Core's errors for everything else: `OAuthError` (another error body, e.g.
 *   `invalid_scope`), `InvalidResponseError`, `HttpStatusError`, `TimeoutError`,
 *   `NetworkError`, `InsecureEndpointError`, `AbortError`…
 * @example
 * ```ts
 * const tokens = await refreshTokens({
 *   endpoint: metadata.tokenEndpoint,
 *   clientId: 'my-cli',
 *   refreshToken: stored.refreshToken,
 * });
 * await store.set(tokens); // tokens.refreshToken is always set
 * ```
 */
export async function refreshTokens(options: RefreshTokensOptions): Promise<TokenSet> {
  const params = buildRefreshParams(options);
  const { endpoint, clientId, refreshToken, scope, resource, ...http } = options;
  let tokens: TokenSet;
  try {
    tokens = await requestToken(endpoint, params, { ...http, client: { clientId } });
  } catch (error) {
    if (OAuthError.isInstance(error) && error.error === 'invalid_grant') {
      throw new RefreshTokenRejectedError({
        error: error.error,
        errorDescription: error.errorDescription,
        status: error.status,
        cause: error,
      });
    }
    throw error;
  }
  return keepRefreshToken(tokens, refreshToken);
}

/**
 * The form of a refresh token request (RFC 6749 §6), `client_id` aside. Pure.
 *
 * @param options - The caller's options.
 * @returns The form parameters.
 * @throws TypeError for a missing or malformed option.
 * @internal
 */
export function buildRefreshParams(
  options: RefreshTokensOptions,
): Record<string, string | readonly string[] | undefined> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      'refreshTokens: pass an options object with endpoint, clientId and refreshToken',
    );
  }
  if (typeof options.clientId !== 'string' || options.clientId.length === 0) {
    throw new TypeError('refreshTokens: options.clientId must be a non-empty string');
  }
  if (typeof options.refreshToken !== 'string' || options.refreshToken.length === 0) {
    throw new TypeError('refreshTokens: options.refreshToken must be a non-empty string');
  }
  return {
    grant_type: 'refresh_token',
    refresh_token: options.refreshToken,
    scope: scopeParam(options.scope),
    resource: resourceParam(options.resource),
  };
}

/**
 * The tokens to keep after a refresh: the server's, with the old refresh token when the server
 * sent no new one (RFC 6749 §6: the client then keeps using the one it has). Pure.
 *
 * @param tokens - The refresh response.
 * @param refreshToken - The refresh token that was redeemed.
 * @returns `tokens`, with `refreshToken` always set.
 * @internal
 */
export function keepRefreshToken(tokens: TokenSet, refreshToken: string): TokenSet {
  return tokens.refreshToken === undefined ? { ...tokens, refreshToken } : tokens;
}

function scopeParam(scope: string | readonly string[] | undefined): string | undefined {
  if (scope === undefined) return undefined;
  const list = typeof scope === 'string' ? [scope] : scope;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((item) => typeof item !== 'string' || item.trim().length === 0)
  ) {
    throw new TypeError(
      'refreshTokens: options.scope must be a non-empty string or a non-empty list of them',
    );
  }
  return (list as readonly string[]).join(' ');
}

function resourceParam(
  resource: string | readonly string[] | undefined,
): readonly string[] | undefined {
  if (resource === undefined) return undefined;
  const list = typeof resource === 'string' ? [resource] : resource;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isResourceIndicator)) {
    throw new TypeError(
      'refreshTokens: options.resource must be an absolute URI without a fragment, or a non-empty list of them (RFC 8707 §2)',
    );
  }
  return list as readonly string[];
}

function isResourceIndicator(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  return !value.includes('#');
}
