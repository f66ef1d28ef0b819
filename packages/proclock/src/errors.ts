/**
 * The brand every latch error carries: the same `Symbol.for` key as `@latch/core`'s
 * `LatchError`, so core's `LatchError.isInstance` recognises these errors too, although
 * proclock (layer 0) does not depend on core.
 */
const LATCH_ERROR_BRAND: unique symbol = Symbol.for('latch.error') as never;

const LOCK_ERROR_CODES: ReadonlySet<string> = new Set<LockErrorCode>([
  'lock_timeout',
  'lock_aborted',
  'lock_compromised',
  'lock_file_error',
]);

/**
 * What every proclock error says about the lock it concerns.
 */
export interface ProclockErrorOptions {
  /** The name the lock was acquired under, as the caller gave it. */
  readonly lockName: string;
  /** The absolute path of the lock's directory entry (`<dir>/<sha256 of the name>.lock`). */
  readonly lockPath: string;
  /** The underlying error or value that caused this one; kept on `error.cause`. Default: none. */
  readonly cause?: unknown;
}

/**
 * The base class of every error `@latch/proclock` throws (besides `TypeError` for bad
 * arguments).
 *
 * It has the shape of `@latch/core`'s `LatchError` — a literal `code`, the non-enumerable
 * `Symbol.for('latch.error')` brand, a chained `cause` — without depending on core, so
 * `LatchError.isInstance(err)` is `true` for these errors as well.
 *
 * Use {@link ProclockError.isInstance} rather than `instanceof`: it checks the brand and so also
 * recognises errors from another installed copy of this package, and it narrows to the
 * {@link LockError} union, so `switch (err.code)` narrows to the class.
 *
 * @typeParam Code - The literal `code` of the subclass.
 * @example
 * ```ts
 * try {
 *   await withLock('refresh', refresh, { timeoutMs: 5_000 });
 * } catch (err) {
 *   if (!ProclockError.isInstance(err)) throw err;
 *   switch (err.code) {
 *     case 'lock_timeout':
 *       console.error(err.message); // says which process to look for and which file to remove
 *       break;
 *     case 'lock_compromised':
 *       // another process took the lock over: redo the work
 *       break;
 *   }
 * }
 * ```
 */
export class ProclockError<Code extends LockErrorCode = LockErrorCode> extends Error {
  /** The class name, shown in logs and stack traces. */
  override readonly name: string = 'ProclockError';
  /** A stable, machine-readable identifier of what went wrong. */
  readonly code: Code;
  /** The name the lock was acquired under. Lock names are not secrets; messages quote them. */
  readonly lockName: string;
  /** The absolute path of the lock's directory entry. */
  readonly lockPath: string;

  /**
   * @param code - The stable code of the error.
   * @param message - What happened and what to do next.
   * @param options - The lock concerned and the cause to chain.
   */
  constructor(code: Code, message: string, options: ProclockErrorOptions) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.lockName = options.lockName;
    this.lockPath = options.lockPath;
    Object.defineProperty(this, LATCH_ERROR_BRAND, { value: true });
  }

  /**
   * Tells whether `value` is a proclock error, from this or any other copy of the package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` when `value` carries the `Symbol.for('latch.error')` brand and one of the
   *   {@link LockErrorCode} codes.
   */
  static isInstance(value: unknown): value is LockError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[LATCH_ERROR_BRAND] === true &&
      LOCK_ERROR_CODES.has((value as { code?: unknown }).code as string)
    );
  }

  /**
   * A JSON form with the name, code, message and the lock's fields (never the cause, whose
   * text proclock does not control).
   *
   * @returns A plain object for `JSON.stringify`.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, code: this.code, message: this.message };
  }
}

function hasCode(value: unknown, code: LockErrorCode): boolean {
  return ProclockError.isInstance(value) && value.code === code;
}

/** Quotes a lock name for a message: JSON escapes control characters; long names are cut. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/**
 * Options of {@link LockTimeoutError}.
 */
export interface LockTimeoutErrorOptions extends ProclockErrorOptions {
  /** How long `acquire` waited, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Another process (or another `acquire` in this one) held the lock for the whole `timeoutMs`.
 */
export class LockTimeoutError extends ProclockError<'lock_timeout'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'LockTimeoutError';
  /** How long `acquire` waited, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * @param options - The lock, how long was waited, and the last `ELOCKED` error as cause.
   */
  constructor(options: LockTimeoutErrorOptions) {
    super(
      'lock_timeout',
      `Timed out after ${options.timeoutMs} ms waiting for the lock ${quoteName(options.lockName)}: ` +
        'another process holds it. Wait for that process to finish or allow a longer timeoutMs. ' +
        `If no such process is running, remove the directory ${options.lockPath} ` +
        '(a lock left by a crashed process is also taken over by itself after staleMs).',
      options,
    );
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Tells whether `value` is a {@link LockTimeoutError} from any copy of `@latch/proclock`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'lock_timeout'`.
   */
  static override isInstance(value: unknown): value is LockTimeoutError {
    return hasCode(value, 'lock_timeout');
  }
}

/**
 * The caller's `signal` aborted while `acquire` waited. The signal's `reason` is the `cause`.
 */
export class LockAbortedError extends ProclockError<'lock_aborted'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'LockAbortedError';

  /**
   * @param options - The lock and the signal's reason as cause.
   */
  constructor(options: ProclockErrorOptions) {
    super(
      'lock_aborted',
      `Stopped waiting for the lock ${quoteName(options.lockName)}: the caller's signal aborted.`,
      options,
    );
  }

  /**
   * Tells whether `value` is a {@link LockAbortedError} from any copy of `@latch/proclock`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'lock_aborted'`.
   */
  static override isInstance(value: unknown): value is LockAbortedError {
    return hasCode(value, 'lock_aborted');
  }
}

/**
 * This process held the lock but did not refresh it within `staleMs` (its event loop was
 * blocked, or the machine slept), and another process took it over. Work done under the lock
 * may have overlapped with that process.
 *
 * Delivered as the reason of the lock's `signal`, to the `onCompromised` option, and as the
 * rejection of `withLock` — never as an uncaught exception.
 */
export class LockCompromisedError extends ProclockError<'lock_compromised'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'LockCompromisedError';

  /**
   * @param options - The lock and what revealed the takeover as cause.
   */
  constructor(options: ProclockErrorOptions) {
    super(
      'lock_compromised',
      `The lock ${quoteName(options.lockName)} was taken over by another process because this ` +
        `one did not refresh ${options.lockPath} within staleMs (a blocked event loop or a ` +
        'sleeping machine). Work done under the lock may have overlapped with that process: ' +
        'redo it, and keep the event loop free while holding a lock or raise staleMs.',
      options,
    );
  }

  /**
   * Tells whether `value` is a {@link LockCompromisedError} from any copy of `@latch/proclock`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'lock_compromised'`.
   */
  static override isInstance(value: unknown): value is LockCompromisedError {
    return hasCode(value, 'lock_compromised');
  }
}

/**
 * Options of {@link LockFileError}.
 */
export interface LockFileErrorOptions extends ProclockErrorOptions {
  /** What failed: creating the lock (`'acquire'`) or removing it (`'release'`). */
  readonly operation: 'acquire' | 'release';
  /** The lock directory. */
  readonly dir: string;
}

/**
 * The file system refused to create or remove the lock (for example `EACCES`, `EROFS`,
 * `ENOTDIR`). The file system's error is the `cause`.
 */
export class LockFileError extends ProclockError<'lock_file_error'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'LockFileError';
  /** What failed: creating the lock (`'acquire'`) or removing it (`'release'`). */
  readonly operation: 'acquire' | 'release';

  /**
   * @param options - The lock, the operation, the directory, and the file system error.
   */
  constructor(options: LockFileErrorOptions) {
    const errno = (options.cause as { code?: unknown } | undefined)?.code;
    const why = typeof errno === 'string' ? ` (${errno})` : '';
    super(
      'lock_file_error',
      `Could not ${options.operation === 'acquire' ? 'create' : 'remove'} the lock ` +
        `${quoteName(options.lockName)} at ${options.lockPath}${why}. Check that ${options.dir} ` +
        'is a directory this user can write to, or pass another dir.',
      options,
    );
    this.operation = options.operation;
  }

  /**
   * Tells whether `value` is a {@link LockFileError} from any copy of `@latch/proclock`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'lock_file_error'`.
   */
  static override isInstance(value: unknown): value is LockFileError {
    return hasCode(value, 'lock_file_error');
  }
}

/**
 * Every error class `@latch/proclock` throws. A closed union: `switch (err.code)` narrows to the
 * class.
 */
export type LockError = LockTimeoutError | LockAbortedError | LockCompromisedError | LockFileError;

/**
 * The closed set of `code` values of {@link LockError}.
 */
export type LockErrorCode =
  | 'lock_timeout'
  | 'lock_aborted'
  | 'lock_compromised'
  | 'lock_file_error';
