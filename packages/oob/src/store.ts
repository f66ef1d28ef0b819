import type { Pending } from './pending.js';

/**
 * The backing registry of pending interactions: the source of truth mapping an id to its
 * namespace and payload. {@link MemoryStore} keeps it in this process; `RedisStore` (from
 * `@latch/oob/redis`) shares it between server instances.
 *
 * Rules every implementation keeps (a shared contract test suite checks both stores):
 * - Every read except {@link Store.lookup} is scoped by namespace: an id of another namespace
 *   is not found.
 * - An expired pending is not found (and is removed, sooner or later).
 * - `complete` and `cancel` are atomic check-and-remove: of any number of concurrent calls
 *   (on any instances) for one pending, exactly one returns it; the rest return `undefined`.
 *   A completed or cancelled pending is gone: it never completes again.
 * - Pendings are stored as JSON; what a read returns is a fresh copy.
 *
 * @typeParam T - The payload type.
 */
export interface Store<T> {
  /**
   * Adds a pending.
   *
   * @param pending - The pending to add; its `expiresAt` must be in the future.
   * @throws TypeError when the pending is ill-formed or already expired.
   * @throws {@link OobIdConflictError} when the store already holds its id.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  put(pending: Pending<T>): Promise<void>;

  /**
   * Reads a pending of `namespace`.
   *
   * @param namespace - The caller's namespace.
   * @param id - The pending's id.
   * @returns The pending, or `undefined` when it is unknown, expired, finished or of another
   *   namespace.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  get(namespace: string, id: string): Promise<Pending<T> | undefined>;

  /**
   * Reads a pending by id alone, whatever its namespace: only for mapping a callback back to
   * the namespace it belongs to (see `resolveCallback`). Everything else uses `get`.
   *
   * @param id - The pending's id, e.g. from a callback URL.
   * @returns The pending, or `undefined` when it is unknown, expired or finished.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  lookup(id: string): Promise<Pending<T> | undefined>;

  /**
   * Atomically removes and returns a live pending of `namespace`, as completed.
   *
   * @param namespace - The caller's namespace.
   * @param id - The pending's id.
   * @returns The pending to one caller only; `undefined` when it is unknown, expired, already
   *   completed or cancelled, or of another namespace.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  complete(namespace: string, id: string): Promise<Pending<T> | undefined>;

  /**
   * Atomically removes and returns a live pending of `namespace`, as cancelled. Same contract
   * as {@link Store.complete}; stores do not tell the two apart (the caller does).
   *
   * @param namespace - The caller's namespace.
   * @param id - The pending's id.
   * @returns The pending to one caller only, or `undefined`.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  cancel(namespace: string, id: string): Promise<Pending<T> | undefined>;

  /**
   * Lists the live pendings of a namespace, oldest first.
   *
   * @param namespace - The namespace.
   * @returns Its pendings that are neither expired nor finished.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  listNamespace(namespace: string): Promise<Pending<T>[]>;

  /**
   * Removes every pending of a namespace (e.g. when a tenant is deleted).
   *
   * @param namespace - The namespace.
   * @returns The ids of the live pendings removed.
   * @throws {@link OobStoreFailedError} when the backing store fails.
   */
  clearNamespace(namespace: string): Promise<string[]>;
}
