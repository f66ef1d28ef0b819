import type { HttpOptions } from './http-options.js';
import { OAuthError } from './oauth-error.js';
import { postForm } from './post-form.js';
import { RevocationRefusedError } from './revocation-refused-error.js';

/**
 * Options of {@link revokeToken}: what to revoke and where, plus the shared {@link HttpOptions}.
 */
export interface RevokeTokenOptions extends HttpOptions {
  /** The revocation endpoint (`revocation_endpoint` in the server's metadata). */
  readonly endpoint: string | URL;
  /** The public client's `client_id`, sent in the body. */
  readonly clientId: string;
  /** The token to revoke: a refresh token (which revokes its grant) or an access token. */
  readonly token: string;
  /**
   * `token_type_hint`: `'refresh_token'` or `'access_token'` (or a type the server registered),
   * to spare the server a lookup. Default: none.
   */
  readonly tokenTypeHint?: string | undefined;
}

/** The RFC 6749 §5.2 / RFC 7009 §2.2.1 codes with which a server declines to revoke. */
const REFUSALS: ReadonlySet<string> = new Set([
  'invalid_client',
  'unauthorized_client',
  'unsupported_token_type',
]);

/**
 * Revokes a token at the authorization server (RFC 7009), e.g. on logout.
 *
 * Sends `token` and `token_type_hint` with the client's `client_id` through {@link postForm}.
 * Any 2xx counts as done: the server answers 200 both when it revoked the token and when the
 * token was already invalid (§2.2), and its body means nothing, so it is not read.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2 | RFC 7009 §2.1–2.2}
 * @param options - Endpoint, client id, token, hint, and the HTTP options.
 * @returns Once the server has confirmed; the token is then unusable.
 * @throws TypeError when `clientId` or `token` is not a non-empty string, `tokenTypeHint` is
 *   given but not one, or the URL or an option is malformed (the message never quotes the token).
 * @throws {@link RevocationRefusedError} when the server refuses revocation for this client or
 *   this type of token (`invalid_client`, `unauthorized_client`, `unsupported_token_type`).
 * @throws {@link OAuthError} for any other error body; {@link HttpStatusError} for a status
 *   without one (a 503 carries `retryAfter`, per §2.2.1); and whatever else {@link postForm}
 *   throws ({@link InsecureEndpointError}, {@link TimeoutError}, {@link NetworkError}…).
 * @example
 * ```ts
 * const metadata = await discoverIssuer('https://as.example');
 * if (metadata.revocationEndpoint !== undefined && stored.refreshToken !== undefined) {
 *   await revokeToken({
 *     endpoint: metadata.revocationEndpoint,
 *     clientId: 'my-cli',
 *     token: stored.refreshToken,
 *     tokenTypeHint: 'refresh_token',
 *   });
 * }
 * ```
 */
export async function revokeToken(options: RevokeTokenOptions): Promise<void> {
  const { endpoint, clientId, token, tokenTypeHint, ...http } = checkOptions(options);
  try {
    await postForm(
      endpoint,
      { token, token_type_hint: tokenTypeHint },
      { ...http, client: { clientId }, ignoreSuccessBody: true },
    );
  } catch (error) {
    if (OAuthError.isInstance(error) && REFUSALS.has(error.error)) {
      throw new RevocationRefusedError({
        error: error.error,
        errorDescription: error.errorDescription,
        status: error.status,
        cause: error,
      });
    }
    throw error;
  }
}

function checkOptions(options: RevokeTokenOptions): RevokeTokenOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('revokeToken: pass an options object with endpoint, clientId and token');
  }
  if (typeof options.clientId !== 'string' || options.clientId.length === 0) {
    throw new TypeError('revokeToken: options.clientId must be a non-empty string');
  }
  if (typeof options.token !== 'string' || options.token.length === 0) {
    throw new TypeError('revokeToken: options.token must be a non-empty string');
  }
  const hint = options.tokenTypeHint;
  if (hint !== undefined && (typeof hint !== 'string' || hint.length === 0)) {
    throw new TypeError('revokeToken: options.tokenTypeHint must be a non-empty string when given');
  }
  return options;
}
