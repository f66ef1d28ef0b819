import { type CoreError, LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link InvalidTargetError}.
 */
export interface InvalidTargetErrorOptions extends LatchErrorOptions {
  /** The server's `error` code, verbatim: `invalid_target`. */
  readonly error: string;
  /** The server's `error_description`, as the `OAuthError` in `cause` holds it. */
  readonly errorDescription?: string | undefined;
  /** The HTTP status of the response. Default: unknown. */
  readonly status?: number | undefined;
}

/**
 * The authorization server refused the requested `resource` or `audience`: it is unknown, not
 * allowed for this subject or client, or more than the server accepts in one request
 * (`invalid_target`).
 *
 * The server's `OAuthError` is chained as `cause`; its `error` and `errorDescription` are kept
 * here too.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2 | RFC 8693 §2.2.2}
 * @example
 * ```ts
 * try {
 *   await exchangeToken({ endpoint, clientId, subjectToken, subjectTokenType, resource });
 * } catch (err) {
 *   if (InvalidTargetError.isInstance(err)) console.error(`No access to ${resource}.`);
 *   else throw err;
 * }
 * ```
 */
export class InvalidTargetError extends LatchError<'invalid_target'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'InvalidTargetError';
  /** The server's `error` code, verbatim (`invalid_target`). */
  readonly error: string;
  /** The server's `error_description`, cleaned of control characters and capped by core. */
  readonly errorDescription: string | undefined;
  /** The HTTP status of the response, when known. */
  readonly status: number | undefined;

  /**
   * @param options - The server's error code and description, the status and the cause.
   */
  constructor(options: InvalidTargetErrorOptions) {
    super(
      'invalid_target',
      'The authorization server refused the requested resource or audience (invalid_target). Check the resource URI or audience name, and that this client and user may get tokens for it.',
      options,
    );
    this.error = options.error;
    this.errorDescription = options.errorDescription;
    this.status = options.status;
  }

  /**
   * Tells whether `value` is an {@link InvalidTargetError} from any copy of
   * `@latch/sts-exchange`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'invalid_target'`.
   */
  static override isInstance(value: unknown): value is InvalidTargetError {
    return LatchError.isInstance(value) && value.code === 'invalid_target';
  }
}

/**
 * Every error {@link exchangeToken} rejects with (besides `TypeError` for bad arguments): its
 * own {@link InvalidTargetError} and core's errors (an `OAuthError` for other error bodies such
 * as `invalid_scope` or `invalid_request`; an `InvalidResponseError` for a malformed answer…).
 * A closed union: `switch (err.code)` narrows to the class.
 *
 * @example
 * ```ts
 * function explain(err: StsExchangeError): string {
 *   switch (err.code) {
 *     case 'invalid_target':
 *       return 'That resource is not available to you.';
 *     case 'oauth_error':
 *       return `The server said ${err.error}.`;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type StsExchangeError = InvalidTargetError | CoreError;
