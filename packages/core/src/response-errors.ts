import { isLatchErrorWithCode, LatchError, type LatchErrorOptions } from './latch-error.js';

/**
 * Options of {@link InvalidResponseError}.
 */
export interface InvalidResponseErrorOptions extends LatchErrorOptions {
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
  /** The name of the wire field at fault (e.g. `expires_in`). Default: none. */
  readonly field?: string | undefined;
}

/**
 * The server's response is not what the protocol requires: not JSON, the wrong content type,
 * not a JSON object, a field of the wrong type, a missing or unsupported `token_type`, …
 *
 * The message names the field and its JSON type, never its value (which may be a token).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1}
 */
export class InvalidResponseError extends LatchError<'invalid_response'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'InvalidResponseError';
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;
  /** The wire field at fault, when one is. */
  readonly field: string | undefined;

  /**
   * @param message - What is wrong with the response; never its content.
   * @param options - Status, field and cause.
   */
  constructor(message: string, options?: InvalidResponseErrorOptions) {
    super('invalid_response', message, options);
    this.status = options?.status;
    this.field = options?.field;
  }

  /**
   * Tells whether `value` is an {@link InvalidResponseError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'invalid_response'`.
   */
  static override isInstance(value: unknown): value is InvalidResponseError {
    return isLatchErrorWithCode(value, 'invalid_response');
  }
}

/**
 * Options of {@link HttpStatusError}.
 */
export interface HttpStatusErrorOptions extends LatchErrorOptions {
  /** The HTTP status of the response. */
  readonly status: number;
  /** Seconds to wait before retrying, from `Retry-After`. Default: none. */
  readonly retryAfter?: number | undefined;
}

/**
 * The server answered with a status latch cannot use and without an OAuth error body: an HTML
 * 500 page, a 429 or 503 without JSON, a 404, or a redirect (latch never follows redirects).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc9110#section-15 | RFC 9110 §15}
 */
export class HttpStatusError extends LatchError<'http_status'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'HttpStatusError';
  /** The HTTP status of the response. */
  readonly status: number;
  /** Seconds to wait before retrying, from `Retry-After`, when given. */
  readonly retryAfter: number | undefined;

  /**
   * @param message - What happened and what to do next.
   * @param options - Status, Retry-After seconds and cause.
   */
  constructor(message: string, options: HttpStatusErrorOptions) {
    super('http_status', message, options);
    this.status = options.status;
    this.retryAfter = options.retryAfter;
  }

  /**
   * Tells whether `value` is an {@link HttpStatusError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'http_status'`.
   */
  static override isInstance(value: unknown): value is HttpStatusError {
    return isLatchErrorWithCode(value, 'http_status');
  }
}

/**
 * Options of {@link ResponseTooLargeError}.
 */
export interface ResponseTooLargeErrorOptions extends LatchErrorOptions {
  /** The limit that was exceeded, in bytes. */
  readonly maxBytes: number;
}

/**
 * The response body grew past the size limit; latch stopped reading and closed the connection.
 */
export class ResponseTooLargeError extends LatchError<'response_too_large'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'ResponseTooLargeError';
  /** The limit that was exceeded, in bytes. */
  readonly maxBytes: number;

  /**
   * @param message - What happened and what to do next.
   * @param options - The limit and cause.
   */
  constructor(message: string, options: ResponseTooLargeErrorOptions) {
    super('response_too_large', message, options);
    this.maxBytes = options.maxBytes;
  }

  /**
   * Tells whether `value` is a {@link ResponseTooLargeError} from any copy of `@latch/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'response_too_large'`.
   */
  static override isInstance(value: unknown): value is ResponseTooLargeError {
    return isLatchErrorWithCode(value, 'response_too_large');
  }
}
