import { LatchError, type LatchErrorOptions } from '@latch/core';

/** Options of {@link SessionConflictError}. */
export interface SessionConflictErrorOptions extends LatchErrorOptions {
  /** How many times the write was tried. */
  readonly attempts: number;
}

/**
 * A shared store could not apply an update because other writers kept changing the same
 * session (optimistic concurrency gave up after `attempts` tries).
 */
export class SessionConflictError extends LatchError<'session_conflict'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'SessionConflictError';
  /** How many times the write was tried. */
  readonly attempts: number;

  /**
   * @param options - The number of attempts.
   */
  constructor(options: SessionConflictErrorOptions) {
    super(
      'session_conflict',
      'The login session kept changing while it was being updated; try the action again.',
      options,
    );
    this.attempts = options.attempts;
  }

  /**
   * Tells whether `value` is a {@link SessionConflictError} from any copy of
   * `@latch/auth-session`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'session_conflict'`.
   */
  static override isInstance(value: unknown): value is SessionConflictError {
    return LatchError.isInstance(value) && value.code === 'session_conflict';
  }
}
