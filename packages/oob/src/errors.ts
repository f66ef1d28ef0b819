/**
 * The brand every latch error carries: the same `Symbol.for` key as `@latch/core`'s
 * `LatchError`, so core's `LatchError.isInstance` recognises these errors too, although oob
 * (layer 0) does not depend on core.
 */
const LATCH_ERROR_BRAND: unique symbol = Symbol.for('latch.error') as never;

const OOB_ERROR_CODES: ReadonlySet<string> = new Set<OobErrorCode>([
  'oob_misconfigured',
  'oob_namespace_missing',
  'oob_id_conflict',
  'oob_store_failed',
]);

/**
 * Options accepted by every oob error constructor.
 */
export interface OobErrorOptions {
  /** The underlying error or value that caused this one; kept on `error.cause`. Default: none. */
  readonly cause?: unknown;
}

/**
 * The base class of every error `@latch/oob` throws (besides `TypeError` for bad arguments).
 *
 * It has the shape of `@latch/core`'s `LatchError` — a literal `code`, the non-enumerable
 * `Symbol.for('latch.error')` brand, a chained `cause` — without depending on core, so
 * `LatchError.isInstance(err)` is `true` for these errors as well.
 *
 * Use {@link OobError.isInstance} rather than `instanceof`: it checks the brand and so also
 * recognises errors from another installed copy of this package, and it narrows to the
 * {@link OobFailure} union, so `switch (err.code)` narrows to the class.
 *
 * Messages never contain pending ids (they are bearer capabilities) nor pending data.
 *
 * @typeParam Code - The literal `code` of the subclass.
 * @example
 * ```ts
 * try {
 *   await manager.create({ kind: 'device_code', data });
 * } catch (err) {
 *   if (!OobError.isInstance(err)) throw err;
 *   switch (err.code) {
 *     case 'oob_namespace_missing':
 *       // called outside a tenant's request: run it inside namespaces.run(tenant, …)
 *       break;
 *     case 'oob_store_failed':
 *       // Redis unreachable: err.cause says why
 *       break;
 *   }
 * }
 * ```
 */
export class OobError<Code extends OobErrorCode = OobErrorCode> extends Error {
  /** The class name, shown in logs and stack traces. */
  override readonly name: string = 'OobError';
  /** A stable, machine-readable identifier of what went wrong. */
  readonly code: Code;

  /**
   * @param code - The stable code of the error.
   * @param message - What happened and what to do next; never an id or pending data.
   * @param options - The cause to chain.
   */
  constructor(code: Code, message: string, options?: OobErrorOptions) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    Object.defineProperty(this, LATCH_ERROR_BRAND, { value: true });
  }

  /**
   * Tells whether `value` is an oob error, from this or any other copy of the package.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` when `value` carries the `Symbol.for('latch.error')` brand and one of the
   *   {@link OobErrorCode} codes.
   */
  static isInstance(value: unknown): value is OobFailure {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[LATCH_ERROR_BRAND] === true &&
      OOB_ERROR_CODES.has((value as { code?: unknown }).code as string)
    );
  }

  /**
   * A JSON form with the name, code, message and the subclass's own fields (never the cause,
   * whose text oob does not control).
   *
   * @returns A plain object for `JSON.stringify`.
   */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, code: this.code, message: this.message };
  }
}

function hasCode(value: unknown, code: OobErrorCode): boolean {
  return OobError.isInstance(value) && value.code === code;
}

/** A part an {@link OobManager} cannot work without. */
export type OobPart = 'namespaceProvider' | 'store' | 'callbackUrl';

/**
 * Options of {@link OobMisconfiguredError}.
 */
export interface OobMisconfiguredErrorOptions extends OobErrorOptions {
  /** The parts that were missing (`undefined`, `null` or not of the right type). */
  readonly missing: readonly OobPart[];
}

/**
 * An {@link OobManager} was built without a namespace provider, a store or a callback-URL
 * builder. Thrown by the constructor, so a misconfigured server fails at start-up.
 */
export class OobMisconfiguredError extends OobError<'oob_misconfigured'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'OobMisconfiguredError';
  /** The parts that were missing. */
  readonly missing: readonly OobPart[];

  /**
   * @param options - The missing parts.
   */
  constructor(options: OobMisconfiguredErrorOptions) {
    super(
      'oob_misconfigured',
      `The OobManager is missing ${options.missing.join(', ')}. Pass a namespaceProvider ` +
        '(e.g. new NamespaceContext().provider), a store (MemoryStore, or RedisStore from ' +
        "'@latch/oob/redis') and a callbackUrl builder (callbackUrlBuilder(baseUrl)).",
      options,
    );
    this.missing = Object.freeze([...options.missing]);
  }

  /**
   * Tells whether `value` is an {@link OobMisconfiguredError} from any copy of `@latch/oob`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'oob_misconfigured'`.
   */
  static override isInstance(value: unknown): value is OobMisconfiguredError {
    return hasCode(value, 'oob_misconfigured');
  }
}

/**
 * The namespace provider gave no namespace: the manager was called outside any tenant's
 * context (for example outside `NamespaceContext.run`), so there is nothing to bind the
 * pending interaction to.
 */
export class OobNamespaceMissingError extends OobError<'oob_namespace_missing'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'OobNamespaceMissingError';

  /**
   * @param options - The cause to chain (the provider's own error, if it threw).
   */
  constructor(options?: OobErrorOptions) {
    super(
      'oob_namespace_missing',
      'No namespace: the namespace provider returned none, so the call was made outside any ' +
        "tenant's context. Call the OobManager while handling a tenant's request (inside " +
        'NamespaceContext.run(namespace, …) when you use NamespaceContext).',
      options,
    );
  }

  /**
   * Tells whether `value` is an {@link OobNamespaceMissingError} from any copy of `@latch/oob`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'oob_namespace_missing'`.
   */
  static override isInstance(value: unknown): value is OobNamespaceMissingError {
    return hasCode(value, 'oob_namespace_missing');
  }
}

/**
 * `put` was given a pending whose id the store already holds. With the manager's random ids
 * this does not happen; it means a caller reused an id or injected a `randomBytes` that repeats.
 */
export class OobIdConflictError extends OobError<'oob_id_conflict'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'OobIdConflictError';

  /**
   * @param options - The cause to chain. Default: none.
   */
  constructor(options?: OobErrorOptions) {
    super(
      'oob_id_conflict',
      'The store already holds a pending interaction with this id; nothing was written. ' +
        'Create pendings through OobManager.create (fresh random ids), or give each put a new id.',
      options,
    );
  }

  /**
   * Tells whether `value` is an {@link OobIdConflictError} from any copy of `@latch/oob`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'oob_id_conflict'`.
   */
  static override isInstance(value: unknown): value is OobIdConflictError {
    return hasCode(value, 'oob_id_conflict');
  }
}

/** A store operation, as named on {@link OobStoreFailedError}. */
export type StoreOperation =
  | 'put'
  | 'get'
  | 'lookup'
  | 'complete'
  | 'cancel'
  | 'listNamespace'
  | 'clearNamespace';

/**
 * Options of {@link OobStoreFailedError}.
 */
export interface OobStoreFailedErrorOptions extends OobErrorOptions {
  /** The store operation that failed. */
  readonly operation: StoreOperation;
  /** Why, in a few words that contain no id or data (e.g. "Redis did not answer"). */
  readonly reason: string;
}

/**
 * The backing store failed: Redis refused or could not be reached (its error is the `cause`),
 * or a record in it was not one this package wrote.
 */
export class OobStoreFailedError extends OobError<'oob_store_failed'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'OobStoreFailedError';
  /** The store operation that failed. */
  readonly operation: StoreOperation;

  /**
   * @param options - The operation, the reason and the store's error as cause.
   */
  constructor(options: OobStoreFailedErrorOptions) {
    super(
      'oob_store_failed',
      `The pending-interaction store failed during ${options.operation}: ${options.reason}. ` +
        'Check that Redis is reachable and that no other program writes under the store’s ' +
        'key prefix, then retry.',
      options,
    );
    this.operation = options.operation;
  }

  /**
   * Tells whether `value` is an {@link OobStoreFailedError} from any copy of `@latch/oob`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'oob_store_failed'`.
   */
  static override isInstance(value: unknown): value is OobStoreFailedError {
    return hasCode(value, 'oob_store_failed');
  }
}

/**
 * Every error class `@latch/oob` throws. A closed union: `switch (err.code)` narrows to the
 * class.
 */
export type OobFailure =
  | OobMisconfiguredError
  | OobNamespaceMissingError
  | OobIdConflictError
  | OobStoreFailedError;

/**
 * The closed set of `code` values of {@link OobFailure}.
 */
export type OobErrorCode =
  | 'oob_misconfigured'
  | 'oob_namespace_missing'
  | 'oob_id_conflict'
  | 'oob_store_failed';
