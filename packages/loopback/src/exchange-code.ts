import {
  type ClientAuthentication,
  type RequestTokenOptions,
  requestToken,
  type TokenSet,
} from '@latch/core';
import { isValidVerifier } from '@latch/pkce';

/**
 * Options of {@link exchangeCode}: the grant's values, then everything core's `requestToken`
 * takes (timeout, signal, transport, clock…).
 */
export interface ExchangeCodeOptions extends RequestTokenOptions {
  /** The authorization `code` from the callback. */
  readonly code: string;
  /** The PKCE `code_verifier` whose challenge the authorization request sent (RFC 7636 §4.5). */
  readonly codeVerifier: string;
  /**
   * The `redirect_uri` exactly as the authorization request sent it (RFC 6749 §4.1.3), e.g.
   * {@link LoopbackServer.redirectUri}.
   */
  readonly redirectUri: string;
  /** The client: `{ clientId }` for a public native app (`client_id` in the body). */
  readonly client: ClientAuthentication;
  /** RFC 8707 `resource` indicator(s) for the token. Default: none. */
  readonly resource?: string | readonly string[] | undefined;
}

/**
 * Redeems an authorization code at the token endpoint: `grant_type=authorization_code` with the
 * code, the exact redirect URI, the PKCE verifier and the client id, through core's
 * `requestToken` (one deadline, no redirects, the one token-response parser).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3 | RFC 6749 §4.1.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7636#section-4.5 | RFC 7636 §4.5}
 * @param tokenEndpoint - The token endpoint (`https:`, or `http:` on loopback).
 * @param options - The code, verifier, redirect URI, client and HTTP options.
 * @returns The tokens.
 * @throws TypeError for a missing code or redirect URI, or an invalid verifier (never echoed).
 * @throws `OAuthError` (core) for the server's refusal, e.g. `invalid_grant` for a used or
 *   expired code; and core's transport errors (`TimeoutError`, `NetworkError`, `AbortError`…).
 * @example
 * ```ts
 * const tokens = await exchangeCode(metadata.tokenEndpoint, {
 *   code: callback.code,
 *   codeVerifier: verifier,
 *   redirectUri: server.redirectUri,
 *   client: { clientId: 'my-cli' },
 * });
 * ```
 */
export function exchangeCode(
  tokenEndpoint: string | URL,
  options: ExchangeCodeOptions,
): Promise<TokenSet> {
  if (typeof options?.code !== 'string' || options.code.length === 0) {
    return Promise.reject(new TypeError('exchangeCode: options.code must be a non-empty string'));
  }
  if (!isValidVerifier(options.codeVerifier)) {
    return Promise.reject(
      new TypeError('exchangeCode: options.codeVerifier must be a valid PKCE code verifier'),
    );
  }
  if (typeof options.redirectUri !== 'string' || !URL.canParse(options.redirectUri)) {
    return Promise.reject(
      new TypeError('exchangeCode: options.redirectUri must be the absolute redirect URI'),
    );
  }
  if (typeof options.client?.clientId !== 'string' || options.client.clientId.length === 0) {
    return Promise.reject(
      new TypeError('exchangeCode: options.client.clientId must be a non-empty string'),
    );
  }
  const { code, codeVerifier, redirectUri, resource, ...requestOptions } = options;
  return requestToken(
    tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      resource,
    },
    requestOptions,
  );
}
