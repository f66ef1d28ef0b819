import { LatchError, type LatchErrorOptions } from '@latch/core';

/** Brand + code, from any installed copy (core's internal `isLatchErrorWithCode`, public API). */
function hasCode(value: unknown, code: string): boolean {
  return LatchError.isInstance(value) && value.code === code;
}

/**
 * Why a stored value could not be read back:
 * - `truncated` — shorter than the smallest valid file or entry (torn or cut off), or empty;
 * - `not_a_store` — not in the store's format (no magic bytes; in Redis, not a `v1.` entry);
 * - `unsupported_version` — written by a newer, incompatible version of this package;
 * - `bad_header` — the header's fields are inconsistent, out of range or malformed;
 * - `wrong_key` — the key (key file, passphrase, Redis encryption key) is not the one the
 *   value was sealed with, or the key file is missing or damaged;
 * - `tampered` — the authentication tag does not match: a flipped bit, a torn write, an edit,
 *   or a Redis entry copied under another key name;
 * - `invalid_content` — it decrypted (or, in a keychain, parsed), but is not a valid token set.
 */
export type CorruptStoreReason =
  | 'truncated'
  | 'not_a_store'
  | 'unsupported_version'
  | 'bad_header'
  | 'wrong_key'
  | 'tampered'
  | 'invalid_content';

/** Options of {@link CorruptStoreError}. */
export interface CorruptStoreErrorOptions extends LatchErrorOptions {
  /** What cannot be read: a file path, `keychain service "S" account "A"`, or `redis key "K"`. */
  readonly location: string;
  /** Why it cannot be read. */
  readonly reason: CorruptStoreReason;
}

/**
 * A stored value exists but cannot be read back: a torn, truncated, bit-flipped or foreign
 * file or Redis entry, a key that does not match, or a keychain entry that is not a token
 * set. Never thrown for a value that simply is not there (that is `undefined`).
 *
 * The message names the file or entry and the way out (delete it and log in again); it never
 * quotes the content.
 */
export class CorruptStoreError extends LatchError<'corrupt_store'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'CorruptStoreError';
  /** What cannot be read: a file path, a keychain service and account, or a Redis key. */
  readonly location: string;
  /** Why it cannot be read. */
  readonly reason: CorruptStoreReason;

  /**
   * @param message - What is wrong and how to get out of it; never the stored content.
   * @param options - Location, reason and cause.
   */
  constructor(message: string, options: CorruptStoreErrorOptions) {
    super('corrupt_store', message, options);
    this.location = options.location;
    this.reason = options.reason;
  }

  /**
   * Tells whether `value` is a {@link CorruptStoreError} from any copy of `@latch/tokenstore`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'corrupt_store'`.
   */
  static override isInstance(value: unknown): value is CorruptStoreError {
    return hasCode(value, 'corrupt_store');
  }
}

/** Options of {@link KeyringUnavailableError}. */
export interface KeyringUnavailableErrorOptions extends LatchErrorOptions {
  /** The keychain service name the store uses. */
  readonly service: string;
  /** Why the keychain cannot be used, as a short phrase (no secret). */
  readonly reason: string;
}

/**
 * The OS keychain cannot be used: no D-Bus session bus or Secret Service on Linux, a locked or
 * refusing keychain, an operation that did not finish within its time bound.
 */
export class KeyringUnavailableError extends LatchError<'keyring_unavailable'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'KeyringUnavailableError';
  /** The keychain service name the store uses. */
  readonly service: string;
  /** Why the keychain cannot be used. */
  readonly reason: string;

  /**
   * @param message - What happened and what to do next.
   * @param options - Service, reason and cause (the platform error).
   */
  constructor(message: string, options: KeyringUnavailableErrorOptions) {
    super('keyring_unavailable', message, options);
    this.service = options.service;
    this.reason = options.reason;
  }

  /**
   * Tells whether `value` is a {@link KeyringUnavailableError} from any copy of
   * `@latch/tokenstore`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'keyring_unavailable'`.
   */
  static override isInstance(value: unknown): value is KeyringUnavailableError {
    return hasCode(value, 'keyring_unavailable');
  }
}

/** Options of {@link ValueTooLargeError}. */
export interface ValueTooLargeErrorOptions extends LatchErrorOptions {
  /** The size of the serialised token set, in bytes. */
  readonly bytes: number;
  /** The largest size the store accepts, in bytes. */
  readonly limit: number;
}

/**
 * A token set is too large for the store, even split into parts. Nothing was written (a value
 * is never truncated).
 */
export class ValueTooLargeError extends LatchError<'value_too_large'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'ValueTooLargeError';
  /** The size of the serialised token set, in bytes. */
  readonly bytes: number;
  /** The largest size the store accepts, in bytes. */
  readonly limit: number;

  /**
   * @param message - What happened and what to do next.
   * @param options - Sizes and cause.
   */
  constructor(message: string, options: ValueTooLargeErrorOptions) {
    super('value_too_large', message, options);
    this.bytes = options.bytes;
    this.limit = options.limit;
  }

  /**
   * Tells whether `value` is a {@link ValueTooLargeError} from any copy of `@latch/tokenstore`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'value_too_large'`.
   */
  static override isInstance(value: unknown): value is ValueTooLargeError {
    return hasCode(value, 'value_too_large');
  }
}

/** Options of {@link StoreIoError}. */
export interface StoreIoErrorOptions extends LatchErrorOptions {
  /** The file or directory the operation failed on. */
  readonly path: string;
  /** The system error code (`EACCES`, `ENOSPC`, …), when there is one. */
  readonly syscallCode?: string | undefined;
}

/**
 * The encrypted file store could not read or write its directory: permissions, a full disk, a
 * read-only file system. The system error is chained as `cause`.
 */
export class StoreIoError extends LatchError<'store_io'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'StoreIoError';
  /** The file or directory the operation failed on. */
  readonly path: string;
  /** The system error code (`EACCES`, `ENOSPC`, …), when there is one. */
  readonly syscallCode: string | undefined;

  /**
   * @param message - What happened and what to do next.
   * @param options - Path, system code and cause.
   */
  constructor(message: string, options: StoreIoErrorOptions) {
    super('store_io', message, options);
    this.path = options.path;
    this.syscallCode = options.syscallCode;
  }

  /**
   * Tells whether `value` is a {@link StoreIoError} from any copy of `@latch/tokenstore`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'store_io'`.
   */
  static override isInstance(value: unknown): value is StoreIoError {
    return hasCode(value, 'store_io');
  }
}

/** Options of {@link TokenStoreConflictError}. */
export interface TokenStoreConflictErrorOptions extends LatchErrorOptions {
  /** How many times the update was tried. */
  readonly attempts: number;
}

/**
 * An optimistic `update` (the Redis store's) gave up: the entry changed under every one of its
 * attempts, because other writers kept writing it. Nothing was written by this call.
 */
export class TokenStoreConflictError extends LatchError<'token_store_conflict'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'TokenStoreConflictError';
  /** How many times the update was tried. */
  readonly attempts: number;

  /** @param options - The attempts made, and the cause if any. */
  constructor(options: TokenStoreConflictErrorOptions) {
    super(
      'token_store_conflict',
      `The stored tokens changed during each of ${options.attempts} update attempts; try ` +
        'again, or raise maxAttempts if many instances write the same account.',
      options,
    );
    this.attempts = options.attempts;
  }

  /**
   * Tells whether `value` is a {@link TokenStoreConflictError} from any copy of this package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'token_store_conflict'`.
   */
  static override isInstance(value: unknown): value is TokenStoreConflictError {
    return hasCode(value, 'token_store_conflict');
  }
}

/**
 * Every error class `@latch/tokenstore` throws itself (besides `TypeError` for bad arguments,
 * and `@latch/proclock`'s lock errors, which the file store lets through). A closed union:
 * `switch (err.code)` narrows to the class.
 *
 * @example
 * ```ts
 * function explain(err: TokenStoreError): string {
 *   switch (err.code) {
 *     case 'corrupt_store':
 *       return `unreadable: ${err.location}`;
 *     case 'keyring_unavailable':
 *       return `no keychain: ${err.reason}`;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type TokenStoreError =
  | CorruptStoreError
  | KeyringUnavailableError
  | ValueTooLargeError
  | StoreIoError
  | TokenStoreConflictError;

/** The closed set of `code` values of {@link TokenStoreError}. */
export type TokenStoreErrorCode = TokenStoreError['code'];

/**
 * Wraps a system error from the file store's I/O in a {@link StoreIoError}.
 *
 * @internal
 */
export function storeIoError(action: string, path: string, cause: unknown): StoreIoError {
  const code = (cause as { code?: unknown } | null)?.code;
  const syscallCode = typeof code === 'string' ? code : undefined;
  return new StoreIoError(
    `Could not ${action} ${path}${syscallCode ? ` (${syscallCode})` : ''}; check that the ` +
      'directory exists, is writable by you and that the disk is not full.',
    { path, syscallCode, cause },
  );
}

const TOKEN_STORE_ERROR_CODES: ReadonlySet<string> = new Set<TokenStoreErrorCode>([
  'corrupt_store',
  'keyring_unavailable',
  'value_too_large',
  'store_io',
  'token_store_conflict',
]);

/**
 * Tells whether `value` is one of this package's errors, from any copy of `@latch/tokenstore`.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` for a branded latch error whose code is a {@link TokenStoreErrorCode}.
 */
export function isTokenStoreError(value: unknown): value is TokenStoreError {
  return LatchError.isInstance(value) && TOKEN_STORE_ERROR_CODES.has(value.code);
}
