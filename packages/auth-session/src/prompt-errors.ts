import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * A display prompt could not be delivered (the client advertised prompts but the push failed,
 * the page is gone…). Throw it from a prompt to fall back to the manual instructions while the
 * login goes on.
 */
export class PromptUnavailableError extends LatchError<'prompt_unavailable'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'PromptUnavailableError';

  /**
   * @param options - The transport failure, as `cause`.
   */
  constructor(options?: LatchErrorOptions) {
    super(
      'prompt_unavailable',
      'The login prompt could not be shown; show the manual instructions (URL or code) instead.',
      options,
    );
  }

  /**
   * Tells whether `value` is a {@link PromptUnavailableError} from any copy of
   * `@latch/auth-session`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'prompt_unavailable'`.
   */
  static override isInstance(value: unknown): value is PromptUnavailableError {
    return LatchError.isInstance(value) && value.code === 'prompt_unavailable';
  }
}

/**
 * The user declined the display prompt. Throw it from a prompt to end the login.
 */
export class PromptDeclinedError extends LatchError<'prompt_declined'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'PromptDeclinedError';

  /**
   * @param options - The cause, if any.
   */
  constructor(options?: LatchErrorOptions) {
    super(
      'prompt_declined',
      'The login was declined; start it again to connect the account.',
      options,
    );
  }

  /**
   * Tells whether `value` is a {@link PromptDeclinedError} from any copy of
   * `@latch/auth-session`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'prompt_declined'`.
   */
  static override isInstance(value: unknown): value is PromptDeclinedError {
    return LatchError.isInstance(value) && value.code === 'prompt_declined';
  }
}
