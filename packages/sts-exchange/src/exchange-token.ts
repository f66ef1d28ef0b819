import {
  type HttpOptions,
  InvalidResponseError,
  OAuthError,
  requestToken,
  type TokenSet,
} from '@latch/core';
import {
  buildTokenExchangeParams,
  type TokenExchangeRequest,
} from './build-token-exchange-params.js';
import { InvalidTargetError } from './invalid-target-error.js';
import { TOKEN_TYPE_ACCESS_TOKEN } from './token-types.js';

/**
 * Options of {@link exchangeToken}: where and as whom to send, what to exchange, plus core's
 * `HttpOptions` (timeout, signal, clock, transport, `allowInsecureHttp`…).
 */
export interface ExchangeTokenOptions extends TokenExchangeRequest, HttpOptions {
  /** The token endpoint (`token_endpoint` in the server's metadata). */
  readonly endpoint: string | URL;
  /** The public client's `client_id`, sent in the body. */
  readonly clientId: string;
  /** Cancels the request; `exchangeToken` then rejects with core's `AbortError`. Default: none. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The answer to a token exchange (RFC 8693 §2.2.1): a `TokenSet` whose `issuedTokenType` is
 * always set. `accessToken` holds the issued token whatever its type; `tokenType` is `N_A`
 * when it is not an access token.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.2.1 | RFC 8693 §2.2.1}
 */
export interface ExchangedTokenSet extends TokenSet {
  /** `issued_token_type`: the type of the issued token, e.g. {@link TOKEN_TYPE_ACCESS_TOKEN}. */
  readonly issuedTokenType: string;
}

/**
 * Exchanges a token for another one (RFC 8693 token exchange), e.g. the user's access token
 * for one whose audience is a second API.
 *
 * Sends the request through core's `requestToken` and checks the answer per §2.2.1:
 * `issued_token_type` must be present, and `token_type` may be `N_A` only when the issued
 * token is not an access token.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2 | RFC 8693 §2.1–2.2}
 * @param options - Endpoint, client id, the subject (and actor) token, the target, and the HTTP
 *   options.
 * @returns The issued token.
 * @throws TypeError for a missing or malformed option (an `actorToken` without
 *   `actorTokenType`, a `resource` that is not an absolute URI…), never quoting a token.
 * @throws {@link InvalidTargetError} when the server answers `invalid_target`.
 * @throws Core's `InvalidResponseError` when `issued_token_type` is missing, or `token_type` is
 *   `N_A` for an access token (and for any other malformed answer).
 * @throws Core's errors for everything else: `OAuthError` (e.g. `invalid_scope`,
 *   `invalid_request` for an invalid subject token), `InsecureEndpointError` (plain http to a
 *   non-loopback host, before sending), `HttpStatusError`, `TimeoutError`, `NetworkError`,
 *   `AbortError`…
 * @example
 * ```ts
 * const exchanged = await exchangeToken({
 *   endpoint: metadata.tokenEndpoint,
 *   clientId: 'my-cli',
 *   subjectToken: tokens.accessToken,
 *   subjectTokenType: TOKEN_TYPE_ACCESS_TOKEN,
 *   resource: 'https://data.example/',
 * });
 * ```
 */
export async function exchangeToken(options: ExchangeTokenOptions): Promise<ExchangedTokenSet> {
  const params = buildTokenExchangeParams(options);
  const {
    endpoint,
    clientId,
    subjectToken,
    subjectTokenType,
    actorToken,
    actorTokenType,
    requestedTokenType,
    audience,
    resource,
    scope,
    ...http
  } = options;
  let tokens: TokenSet;
  try {
    tokens = await requestToken(endpoint, params, {
      ...http,
      client: { clientId },
      allowTokenTypeNA: true,
    });
  } catch (error) {
    if (OAuthError.isInstance(error) && error.error === 'invalid_target') {
      throw new InvalidTargetError({
        error: error.error,
        errorDescription: error.errorDescription,
        status: error.status,
        cause: error,
      });
    }
    throw error;
  }
  return checkExchangedToken(tokens);
}

/**
 * The §2.2.1 checks core's token-response parser leaves to this grant. Pure.
 *
 * @param tokens - The parsed answer (`N_A` allowed).
 * @returns The same tokens, typed with `issuedTokenType`.
 * @throws InvalidResponseError when `issued_token_type` is missing, or `token_type` is `N_A`
 *   for an access token.
 * @internal
 */
export function checkExchangedToken(tokens: TokenSet): ExchangedTokenSet {
  const { issuedTokenType } = tokens;
  if (issuedTokenType === undefined) {
    throw invalid(
      'field issued_token_type is missing, expected the type of the issued token (RFC 8693 §2.2.1)',
      'issued_token_type',
    );
  }
  if (tokens.tokenType === 'N_A' && issuedTokenType === TOKEN_TYPE_ACCESS_TOKEN) {
    throw invalid(
      'token_type is N_A but issued_token_type says an access token, which needs a usable token_type such as Bearer (RFC 8693 §2.2.1)',
      'token_type',
    );
  }
  return { ...tokens, issuedTokenType };
}

function invalid(problem: string, field: string): InvalidResponseError {
  return new InvalidResponseError(
    `The token exchange response is invalid: ${problem}. The authorization server sent a malformed response; report it to its operator.`,
    { field },
  );
}
