import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Why a redirect back from the authorization server was not accepted as the answer to the
 * login in progress. None of them ends the login: the loopback server answers 400 (or 414) and
 * keeps waiting; {@link parseCallbackUrl} throws so the user can paste again.
 *
 * - `malformed`: not a URL, or a query with broken percent-encoding or invalid UTF-8.
 * - `too_long`: a query longer than the loopback server accepts.
 * - `duplicate_parameter`: `state`, `code`, `error`, `iss`, … given more than once
 *   (RFC 6749 §3.1: parameters MUST NOT be included more than once).
 * - `missing_state`, `state_mismatch`: no `state`, or not the one this login sent
 *   (RFC 6749 §10.12, a forged or stale callback).
 * - `missing_iss`, `iss_mismatch`: RFC 9207 `iss` absent although the issuer promises it, or
 *   naming another issuer (a mix-up attack).
 * - `code_and_error`: both `code` and `error`, which no real server sends.
 * - `missing_code`: neither a `code` nor an `error`.
 * - `wrong_redirect`: a pasted URL that is not this login's redirect URI.
 */
export type CallbackRejection =
  | 'malformed'
  | 'too_long'
  | 'duplicate_parameter'
  | 'missing_state'
  | 'state_mismatch'
  | 'missing_iss'
  | 'iss_mismatch'
  | 'code_and_error'
  | 'missing_code'
  | 'wrong_redirect';

/**
 * Options of {@link CallbackRejectedError}.
 */
export interface CallbackRejectedErrorOptions extends LatchErrorOptions {
  /** Why the callback was refused. */
  readonly reason: CallbackRejection;
  /** The parameter at fault (for `duplicate_parameter`), by name only. Default: none. */
  readonly parameter?: string | undefined;
}

const EXPLANATIONS: Readonly<Record<CallbackRejection, string>> = {
  malformed: 'it is not a well-formed URL with a valid query',
  too_long: 'its query is too long',
  duplicate_parameter: 'it repeats a parameter',
  missing_state: 'it carries no state',
  state_mismatch: 'its state belongs to another login',
  missing_iss: 'it lacks the iss parameter this issuer always sends (RFC 9207)',
  iss_mismatch: 'its iss names another issuer (RFC 9207)',
  code_and_error: 'it carries both a code and an error',
  missing_code: 'it carries neither a code nor an error',
  wrong_redirect: 'it is not the redirect address of this login',
};

/**
 * A callback (or pasted redirect URL) did not pass the checks that bind it to the login in
 * progress: `state` (RFC 6749 §10.12), RFC 9207 `iss`, one value per parameter, a well-formed
 * query. The message names the reason and, for duplicates, the parameter — never a value.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.12 | RFC 6749 §10.12}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 * @example
 * ```ts
 * try {
 *   callback = parseCallbackUrl(pasted, { state });
 * } catch (err) {
 *   if (CallbackRejectedError.isInstance(err)) console.error(`${err.message} Paste it again.`);
 *   else throw err;
 * }
 * ```
 */
export class CallbackRejectedError extends LatchError<'callback_rejected'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'CallbackRejectedError';
  /** Why the callback was refused. */
  readonly reason: CallbackRejection;
  /** The parameter at fault, for `duplicate_parameter`. */
  readonly parameter: string | undefined;

  /**
   * @param options - The reason, the parameter name and the cause.
   */
  constructor(options: CallbackRejectedErrorOptions) {
    const which = options.parameter === undefined ? '' : ` (${options.parameter})`;
    super(
      'callback_rejected',
      `The redirect back from the authorization server was not accepted: ${EXPLANATIONS[options.reason]}${which}. Use the address the browser shows at the end of this login, or start the login again.`,
      options,
    );
    this.reason = options.reason;
    this.parameter = options.parameter;
  }

  /**
   * Tells whether `value` is a {@link CallbackRejectedError} from any copy of `@latch/loopback`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'callback_rejected'`.
   */
  static override isInstance(value: unknown): value is CallbackRejectedError {
    return LatchError.isInstance(value) && value.code === 'callback_rejected';
  }
}
