import { LatchError, type LatchErrorOptions } from '@latch/core';

/** Options of {@link TokenStoreConflictError}. */
export interface TokenStoreConflictErrorOptions extends LatchErrorOptions {
  /** How many times the update was tried. */
  readonly attempts: number;
}

/**
 * {@link RedisTokenStore.update} gave up: the entry changed under every one of its attempts
 * (other instances kept writing it). Nothing was written by this call.
 */
export class TokenStoreConflictError extends LatchError<'token_store_conflict'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'TokenStoreConflictError';
  /** How many times the update was tried. */
  readonly attempts: number;

  /**
   * @param options - The attempts made, and the cause if any.
   */
  constructor(options: TokenStoreConflictErrorOptions) {
    super(
      'token_store_conflict',
      'The stored tokens kept changing while they were being updated; try again.',
      options,
    );
    this.attempts = options.attempts;
  }

  /**
   * Whether `value` is a {@link TokenStoreConflictError} (from any copy of this module).
   *
   * @param value - Anything.
   * @returns `true` for a latch error with the code `token_store_conflict`.
   */
  static override isInstance(value: unknown): value is TokenStoreConflictError {
    return LatchError.isInstance(value) && value.code === 'token_store_conflict';
  }
}
