import { parseOAuthErrorBody } from './parse-oauth-error-body.js';
import { InvalidResponseError } from './response-errors.js';
import { describeJsonType } from './server-text.js';

/** Options of {@link parseResponseObject}. */
export interface ParseResponseObjectOptions {
  /** What the body answers, for messages, e.g. `'device authorization response'`. */
  readonly response: string;
  /** The HTTP status the body came with. Default 200. */
  readonly status?: number | undefined;
}

/**
 * The first step of every response parser: the body must be a JSON object, and one carrying
 * `error` is the server's error response (RFC 6749 §5.2) even when it came with a 200.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 * @param body - The parsed JSON body.
 * @param options - What the response is, and its status.
 * @returns The body's fields, for the parser's own checks.
 * @throws {@link OAuthError} for an error response; {@link InvalidResponseError} when the body is
 *   not an object or its `error` is not a non-empty string.
 */
export function parseResponseObject(
  body: unknown,
  options: ParseResponseObjectOptions,
): Record<string, unknown> {
  const status = options.status ?? 200;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidResponse(
      options.response,
      `the body is ${describeJsonType(body)}, expected a JSON object`,
      status,
    );
  }
  const fields = body as Record<string, unknown>;
  if (fields.error !== undefined) {
    const oauthError = parseOAuthErrorBody(fields, { status });
    if (oauthError) throw oauthError;
    throw invalidResponse(
      options.response,
      describeFieldProblem('error', fields.error, 'a non-empty string'),
      status,
      'error',
    );
  }
  return fields;
}

/**
 * Says what is wrong with a response field by its JSON type, never its value (which may be a
 * token or a code): `field expires_in is a string, expected a number`.
 *
 * @param name - The field's wire name.
 * @param value - Its value, which is not quoted.
 * @param expected - What it should have been.
 * @returns The phrase, for an {@link InvalidResponseError}'s message.
 */
export function describeFieldProblem(name: string, value: unknown, expected: string): string {
  if (value === undefined) return `field ${name} is missing, expected ${expected}`;
  if (value === '') return `field ${name} is an empty string, expected ${expected}`;
  return `field ${name} is ${describeJsonType(value)}, expected ${expected}`;
}

/**
 * The {@link InvalidResponseError} of a malformed response, with the message every latch parser
 * uses.
 *
 * @param response - What the body answers, e.g. `'token response'`.
 * @param problem - What is wrong, e.g. from {@link describeFieldProblem}.
 * @param status - The HTTP status.
 * @param field - The offending field, when there is one.
 * @returns The error, to throw.
 */
export function invalidResponse(
  response: string,
  problem: string,
  status: number,
  field?: string,
): InvalidResponseError {
  return new InvalidResponseError(
    `The ${response} is invalid: ${problem}. The authorization server sent a malformed response; report it to its operator.`,
    { status, field },
  );
}
