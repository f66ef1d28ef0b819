import { describeFieldProblem, invalidResponse, parseResponseObject } from './response-object.js';
import type { TokenSet, TokenType } from './token-set.js';

const RESPONSE = 'token response';

/**
 * Options of {@link parseTokenResponse}.
 */
export interface ParseTokenResponseOptions {
  /**
   * When the request was sent, in epoch milliseconds, read from the clock BEFORE sending it:
   * `expiresAt` counts from here, so time spent on the wire shortens the token's life rather
   * than lengthening it.
   */
  readonly requestedAt: number;
  /**
   * Accept `token_type` `N_A` (RFC 8693 §2.2.1, for issued tokens that are not access tokens).
   * Default: `false`, so a grant that must yield an access token refuses one.
   */
  readonly allowTokenTypeNA?: boolean | undefined;
  /** The HTTP status of the response, recorded on any error thrown. Default: 200. */
  readonly status?: number | undefined;
}

const DIGITS = /^[0-9]+$/;

/**
 * Turns a token endpoint's JSON body into a {@link TokenSet}. Pure.
 *
 * Checks, per RFC 6749 §5.1: the body is a JSON object; it carries no `error` (a body with one
 * is an error response whatever the status); `access_token` is a non-empty string;
 * `token_type` is present and, compared case-insensitively, `Bearer` (normalised to `Bearer`)
 * or — only with `allowTokenTypeNA` — `N_A`; `expires_in`, when present, is a number ≥ 0 or a
 * string of decimal digits (some deployed servers send `"3600"`; anything else is refused);
 * `refresh_token`, `id_token` and `issued_token_type` are non-empty strings and `scope` a
 * string when present (JSON `null` counts as absent). Unknown fields are ignored, not copied.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.2.1 | RFC 8693 §2.2.1}
 * @param body - The parsed JSON body of a 2xx response.
 * @param options - When the request was sent, and whether `N_A` is acceptable.
 * @returns The tokens, with `expiresAt = requestedAt + expires_in × 1000`.
 * @throws {@link OAuthError} when the body has a string `error`.
 * @throws {@link InvalidResponseError} for anything else wrong; the message names the field and
 *   its JSON type, never its value.
 * @throws TypeError when `options.requestedAt` is not a finite number.
 * @example
 * ```ts
 * const requestedAt = Date.now();
 * const { body } = await postForm(tokenEndpoint, params);
 * const tokens = parseTokenResponse(body, { requestedAt });
 * ```
 */
export function parseTokenResponse(body: unknown, options: ParseTokenResponseOptions): TokenSet {
  const requestedAt = options?.requestedAt;
  if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt)) {
    throw new TypeError('parseTokenResponse: options.requestedAt must be epoch milliseconds');
  }
  const status = options.status ?? 200;
  const fields = parseResponseObject(body, { response: RESPONSE, status });

  const accessToken = requiredString(fields, 'access_token', status);
  const tokenType = parseTokenType(fields.token_type, options.allowTokenTypeNA === true, status);
  const expiresAt = parseExpiresAt(fields.expires_in, requestedAt, status);
  const refreshToken = optionalString(fields, 'refresh_token', status, false);
  const scope = optionalString(fields, 'scope', status, true);
  const idToken = optionalString(fields, 'id_token', status, false);
  const issuedTokenType = optionalString(fields, 'issued_token_type', status, false);

  return {
    accessToken,
    tokenType,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(scope === undefined ? {} : { scope }),
    ...(idToken === undefined ? {} : { idToken }),
    ...(issuedTokenType === undefined ? {} : { issuedTokenType }),
  };
}

function parseTokenType(value: unknown, allowNA: boolean, status: number): TokenType {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem('token_type', value, 'a non-empty string'),
      status,
      'token_type',
    );
  }
  const lower = value.toLowerCase();
  if (lower === 'bearer') return 'Bearer';
  if (lower === 'n_a' && allowNA) return 'N_A';
  const accepted = allowNA ? 'Bearer or N_A' : 'Bearer';
  throw invalidResponse(
    RESPONSE,
    `token_type is unsupported (latch accepts ${accepted} here); the server issued a token this client cannot use`,
    status,
    'token_type',
  );
}

function parseExpiresAt(value: unknown, requestedAt: number, status: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string' && DIGITS.test(value)) {
    seconds = Number(value);
  } else {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem('expires_in', value, 'a number'),
      status,
      'expires_in',
    );
  }
  const expiresAt = Math.floor(requestedAt + seconds * 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || !Number.isSafeInteger(expiresAt)) {
    throw invalidResponse(
      RESPONSE,
      'field expires_in is out of range, expected a number of seconds >= 0',
      status,
      'expires_in',
    );
  }
  return expiresAt;
}

function requiredString(fields: Record<string, unknown>, name: string, status: number): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem(name, value, 'a non-empty string'),
      status,
      name,
    );
  }
  return value;
}

function optionalString(
  fields: Record<string, unknown>,
  name: string,
  status: number,
  allowEmpty: boolean,
): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem(name, value, allowEmpty ? 'a string' : 'a non-empty string'),
      status,
      name,
    );
  }
  return value;
}
