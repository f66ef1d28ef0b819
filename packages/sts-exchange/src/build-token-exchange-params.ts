import { TOKEN_EXCHANGE_GRANT_TYPE } from './token-types.js';

/**
 * What a token exchange request asks for (RFC 8693 §2.1), in camelCase.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.1 | RFC 8693 §2.1}
 */
export interface TokenExchangeRequest {
  /** `subject_token`: the token that represents the party on whose behalf the request is made. */
  readonly subjectToken: string;
  /** `subject_token_type`: its type, e.g. {@link TOKEN_TYPE_ACCESS_TOKEN}. */
  readonly subjectTokenType: string;
  /** `actor_token`: the token of the party acting for the subject (delegation). Default: none. */
  readonly actorToken?: string | undefined;
  /** `actor_token_type`: required with `actorToken`, forbidden without it. Default: none. */
  readonly actorTokenType?: string | undefined;
  /**
   * `requested_token_type`: the type of token wanted. Default: none (the server chooses).
   */
  readonly requestedTokenType?: string | undefined;
  /**
   * `audience`: logical name(s) of the target service; a list is sent as repeated parameters.
   * Default: none.
   */
  readonly audience?: string | readonly string[] | undefined;
  /**
   * `resource`: URI(s) of the target service, absolute and without a fragment; a list is sent
   * as repeated parameters. Default: none.
   */
  readonly resource?: string | readonly string[] | undefined;
  /** `scope`: the scope wanted; a list is joined with spaces. Default: none. */
  readonly scope?: string | readonly string[] | undefined;
}

type Form = Record<string, string | readonly string[] | undefined>;

/**
 * The form of a token exchange request (RFC 8693 §2.1), `client_id` aside. Pure.
 *
 * @param request - What to exchange and for what.
 * @returns The form parameters (`undefined` ones are left out by core's `postForm`).
 * @throws TypeError for a missing or malformed field, or an actor token without its type (or
 *   the reverse); the message never quotes a token.
 * @internal
 */
export function buildTokenExchangeParams(request: TokenExchangeRequest): Form {
  if (typeof request !== 'object' || request === null) {
    throw new TypeError('exchangeToken: pass an options object');
  }
  nonEmpty(request.subjectToken, 'subjectToken');
  nonEmpty(request.subjectTokenType, 'subjectTokenType');
  optionalNonEmpty(request.actorToken, 'actorToken');
  optionalNonEmpty(request.actorTokenType, 'actorTokenType');
  optionalNonEmpty(request.requestedTokenType, 'requestedTokenType');
  if ((request.actorToken === undefined) !== (request.actorTokenType === undefined)) {
    throw new TypeError(
      'exchangeToken: options.actorTokenType is required with options.actorToken, and only with it (RFC 8693 §2.1)',
    );
  }
  return {
    grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
    resource: list(
      request.resource,
      'resource',
      isResourceIndicator,
      'an absolute URI without a fragment',
    ),
    audience: list(request.audience, 'audience', isNonEmptyString, 'a non-empty string'),
    scope: list(request.scope, 'scope', isNonEmptyString, 'a non-empty string')?.join(' '),
    requested_token_type: request.requestedTokenType,
    subject_token: request.subjectToken,
    subject_token_type: request.subjectTokenType,
    actor_token: request.actorToken,
    actor_token_type: request.actorTokenType,
  };
}

function nonEmpty(value: unknown, name: string): void {
  if (!isNonEmptyString(value)) {
    throw new TypeError(`exchangeToken: options.${name} must be a non-empty string`);
  }
}

function optionalNonEmpty(value: unknown, name: string): void {
  if (value !== undefined) nonEmpty(value, name);
}

function list(
  value: string | readonly string[] | undefined,
  name: string,
  valid: (item: unknown) => boolean,
  expected: string,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const items: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.length === 0 || !items.every(valid)) {
    throw new TypeError(
      `exchangeToken: options.${name} must be ${expected}, or a non-empty list of them`,
    );
  }
  return items as readonly string[];
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function isResourceIndicator(value: unknown): boolean {
  return typeof value === 'string' && URL.canParse(value) && !value.includes('#');
}
