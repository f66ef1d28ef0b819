import { LatchError, type LatchErrorOptions } from '@latch/core';

/** Options of {@link UnknownProviderError}. */
export interface UnknownProviderErrorOptions extends LatchErrorOptions {
  /** The provider id that was asked for. */
  readonly providerId: string;
}

/**
 * `start` was asked for a provider that is not in the manager's `providers` registry.
 */
export class UnknownProviderError extends LatchError<'unknown_provider'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'UnknownProviderError';
  /** The provider id that was asked for. */
  readonly providerId: string;

  /**
   * @param options - The provider id.
   */
  constructor(options: UnknownProviderErrorOptions) {
    super(
      'unknown_provider',
      `No login provider "${options.providerId.slice(0, 64)}" is registered; pass one of the ids in the manager's providers option.`,
      options,
    );
    this.providerId = options.providerId;
  }

  /**
   * Tells whether `value` is an {@link UnknownProviderError} from any copy of
   * `@latch/auth-session`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'unknown_provider'`.
   */
  static override isInstance(value: unknown): value is UnknownProviderError {
    return LatchError.isInstance(value) && value.code === 'unknown_provider';
  }
}
