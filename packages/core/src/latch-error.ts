/**
 * The brand every latch error carries. `Symbol.for` makes it the same symbol in every copy of
 * every latch package loaded in one process, so checks survive two installed versions.
 */
const LATCH_ERROR_BRAND: unique symbol = Symbol.for('latch.error') as never;

/**
 * Options accepted by every latch error constructor.
 */
export interface LatchErrorOptions {
  /** The underlying error or value that caused this one; kept on `error.cause`. Default: none. */
  readonly cause?: unknown;
}

/**
 * The base class of every error that latch packages throw.
 *
 * Each subclass fixes `code` to one string literal, so a union of subclasses narrows on
 * `switch (err.code)`. Core's own codes form the closed {@link CoreErrorCode} union; other
 * latch packages extend this class with codes of their own.
 *
 * Use {@link LatchError.isInstance} rather than `instanceof`: it checks a `Symbol.for` brand
 * and so also recognises errors thrown by another installed copy of a latch package.
 *
 * @typeParam Code - The literal `code` of the subclass.
 * @example
 * ```ts
 * class NotLoggedInError extends LatchError<'not_logged_in'> {
 *   override readonly name = 'NotLoggedInError';
 *   constructor(options?: LatchErrorOptions) {
 *     super('not_logged_in', 'No stored session. Run `latch login`.', options);
 *   }
 * }
 * ```
 */
export class LatchError<Code extends string = string> extends Error {
  /** The class name, shown in logs and stack traces. */
  override readonly name: string = 'LatchError';
  /** A stable, machine-readable identifier of what went wrong. */
  readonly code: Code;

  /**
   * @param code - The stable code of the error.
   * @param message - What happened and what to do next; never a token, code or secret.
   * @param options - The cause to chain.
   */
  constructor(code: Code, message: string, options?: LatchErrorOptions) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    Object.defineProperty(this, LATCH_ERROR_BRAND, { value: true });
  }

  /**
   * Tells whether `value` is a latch error, from this or any other copy of a latch package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` when `value` carries the `Symbol.for('latch.error')` brand and a string code.
   */
  static isInstance(value: unknown): value is LatchError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[LATCH_ERROR_BRAND] === true &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }

  /**
   * A JSON form with the name, code, message and the subclass's own fields (never the cause,
   * whose text latch does not control).
   *
   * @returns A plain object for `JSON.stringify`.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, code: this.code, message: this.message };
  }
}

/**
 * Tells whether `value` is a latch error (from any copy of a latch package) with this `code`.
 *
 * @param value - Anything, typically a caught error.
 * @param code - The code to match.
 * @returns `true` when `value` is branded and its `code` equals `code`.
 * @internal
 */
export function isLatchErrorWithCode(value: unknown, code: string): boolean {
  return LatchError.isInstance(value) && value.code === code;
}
