import { CODE_CHALLENGE_METHOD } from '@latch/pkce';

/**
 * The parameters of an authorization request for the code flow with PKCE.
 */
export interface AuthorizationRequest {
  /** The `client_id`. */
  readonly clientId: string;
  /** The `redirect_uri`, e.g. {@link LoopbackServer.redirectUri}. */
  readonly redirectUri: string;
  /** The S256 `code_challenge` of the verifier (`challenge(verifier)` from `@latch/pkce`). */
  readonly codeChallenge: string;
  /** The `state` (`newState()` from `@latch/pkce`). */
  readonly state: string;
  /** The `scope`, space-separated. Default: none (the server's default). */
  readonly scope?: string | undefined;
  /** The OpenID Connect `nonce`, for `openid` requests. Default: none. */
  readonly nonce?: string | undefined;
  /** RFC 8707 `resource` indicator(s). Default: none. */
  readonly resource?: string | readonly string[] | undefined;
  /**
   * Further parameters (`prompt`, `login_hint`, `acr_values`…). They may not replace any of
   * the parameters above. Default: none.
   */
  readonly extraParams?: Readonly<Record<string, string>> | undefined;
}

const RESERVED = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
  'nonce',
  'resource',
]);

/**
 * Builds the authorization URL for the code flow with PKCE (`response_type=code`,
 * `code_challenge_method=S256`). Keeps any query the endpoint already has (RFC 6749 §3.1).
 * Pure.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1 | RFC 6749 §4.1.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc7636#section-4.3 | RFC 7636 §4.3}
 * @param authorizationEndpoint - The issuer's `authorization_endpoint`.
 * @param request - The request's parameters.
 * @returns The URL to open in the browser.
 * @throws TypeError for a malformed endpoint, a missing parameter, or `extraParams` naming a
 *   parameter this function sets.
 * @example
 * ```ts
 * const url = buildAuthorizationUrl(metadata.authorizationEndpoint, {
 *   clientId: 'my-cli',
 *   redirectUri: server.redirectUri,
 *   codeChallenge: challenge(verifier),
 *   state,
 *   scope: 'openid offline_access',
 * });
 * ```
 */
export function buildAuthorizationUrl(
  authorizationEndpoint: string | URL,
  request: AuthorizationRequest,
): string {
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    throw new TypeError('buildAuthorizationUrl: authorizationEndpoint must be an absolute URL');
  }
  for (const name of ['clientId', 'redirectUri', 'codeChallenge', 'state'] as const) {
    if (typeof request?.[name] !== 'string' || request[name].length === 0) {
      throw new TypeError(`buildAuthorizationUrl: request.${name} must be a non-empty string`);
    }
  }
  const params = url.searchParams;
  for (const name of RESERVED) params.delete(name);
  params.set('response_type', 'code');
  params.set('client_id', request.clientId);
  params.set('redirect_uri', request.redirectUri);
  if (request.scope !== undefined && request.scope !== '') params.set('scope', request.scope);
  params.set('state', request.state);
  params.set('code_challenge', request.codeChallenge);
  params.set('code_challenge_method', CODE_CHALLENGE_METHOD);
  if (request.nonce !== undefined) params.set('nonce', request.nonce);
  for (const resource of [request.resource ?? []].flat()) params.append('resource', resource);
  for (const [name, value] of Object.entries(request.extraParams ?? {})) {
    if (RESERVED.has(name)) {
      throw new TypeError(`buildAuthorizationUrl: extraParams may not set ${name}`);
    }
    params.set(name, value);
  }
  return url.toString();
}
