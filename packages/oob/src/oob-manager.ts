import type { CallbackUrlBuilder } from './callback-url.js';
import { OobMisconfiguredError, OobNamespaceMissingError, type OobPart } from './errors.js';
import type { NamespaceProvider } from './namespace-context.js';
import { assertNamespace, isPendingId, type Pending, type Spec } from './pending.js';
import { newPendingId } from './pending-id.js';
import {
  type CallbackResolution,
  type ResolveCallbackOptions,
  resolveCallback,
} from './resolve-callback.js';
import type { Store } from './store.js';
import { systemNow, systemRandomBytes } from './system.js';

/** The default lifetime of a pending whose spec gives no `expiresAt`: ten minutes. */
export const DEFAULT_PENDING_TTL_MS = 600_000;

/**
 * Options of {@link OobManager}. The first three are required; a missing one makes the
 * constructor throw {@link OobMisconfiguredError}.
 *
 * @typeParam T - The payload type.
 */
export interface OobManagerOptions<T> {
  /** Tells the current caller's namespace (e.g. `new NamespaceContext().provider`). */
  readonly namespaceProvider: NamespaceProvider;
  /** Where pendings live: a {@link MemoryStore}, or a `RedisStore` shared by instances. */
  readonly store: Store<T>;
  /** Builds a pending's callback URL from its id (e.g. {@link callbackUrlBuilder}). */
  readonly callbackUrl: CallbackUrlBuilder;
  /**
   * How long a pending lives when its spec gives no `expiresAt`, in milliseconds. Default:
   * {@link DEFAULT_PENDING_TTL_MS} (600 000, ten minutes).
   */
  readonly defaultTtlMs?: number;
  /** The clock, in epoch milliseconds, for `createdAt` and `expiresAt`. Default: `Date.now`. */
  readonly now?: () => number;
  /** The source of the ids' random bytes. Default: `crypto.randomBytes`. */
  readonly randomBytes?: (size: number) => Uint8Array;
}

/**
 * What {@link OobManager.create} returns.
 *
 * @typeParam T - The payload type.
 */
export interface CreatedPending<T> {
  /** The pending as stored. */
  readonly pending: Pending<T>;
  /** Its callback URL: hand it to the provider as redirect target, or show it to the user. */
  readonly callbackUrl: string;
}

function optionalString(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`spec.${name} must be a string when given`);
  }
}

/**
 * Creates, reads, completes and cancels typed pending interactions, each bound to the
 * namespace (tenant) of the caller that created it.
 *
 * Every call asks the namespace provider for the caller's namespace: `create` binds the new
 * pending to it (a namespace in the spec is never used), and `get`, `complete`, `cancel`,
 * `list` and `clear` only ever see that namespace's pendings — another tenant's id is "not
 * found". `complete` and `cancel` are atomic through the store: exactly one caller gets the
 * pending.
 *
 * @typeParam T - The payload type (must survive JSON).
 * @example
 * ```ts
 * const namespaces = new NamespaceContext();
 * const oob = new OobManager<{ userCode: string }>({
 *   namespaceProvider: namespaces.provider,
 *   store: new MemoryStore(),
 *   callbackUrl: callbackUrlBuilder('https://app.example.com'),
 * });
 * const { pending, callbackUrl } = await namespaces.run('tenant-a', () =>
 *   oob.create({ kind: 'device_code', data: { userCode: 'WDJB-MJHT' } }),
 * );
 * ```
 */
export class OobManager<T> {
  readonly #namespaceProvider: NamespaceProvider;
  readonly #store: Store<T>;
  readonly #callbackUrl: CallbackUrlBuilder;
  readonly #defaultTtlMs: number;
  readonly #now: () => number;
  readonly #randomBytes: (size: number) => Uint8Array;

  /**
   * @param options - The namespace provider, the store, the callback-URL builder and the
   *   optional clock, random source and default lifetime.
   * @throws {@link OobMisconfiguredError} when the namespace provider, the store or the
   *   callback-URL builder is missing.
   * @throws TypeError when an optional option has the wrong type or `defaultTtlMs` is not a
   *   positive integer.
   */
  constructor(options: OobManagerOptions<T>) {
    const o = (options ?? {}) as Partial<OobManagerOptions<T>>;
    const missing: OobPart[] = [];
    if (typeof o.namespaceProvider !== 'function') missing.push('namespaceProvider');
    if (!isStore(o.store)) missing.push('store');
    if (typeof o.callbackUrl !== 'function') missing.push('callbackUrl');
    if (missing.length > 0) throw new OobMisconfiguredError({ missing });
    const { now = systemNow, randomBytes = systemRandomBytes } = o;
    const defaultTtlMs = o.defaultTtlMs ?? DEFAULT_PENDING_TTL_MS;
    if (typeof now !== 'function' || typeof randomBytes !== 'function') {
      throw new TypeError('now and randomBytes must be functions');
    }
    if (!Number.isSafeInteger(defaultTtlMs) || defaultTtlMs < 1) {
      throw new TypeError('defaultTtlMs must be a positive integer');
    }
    this.#namespaceProvider = o.namespaceProvider as NamespaceProvider;
    this.#store = o.store as Store<T>;
    this.#callbackUrl = o.callbackUrl as CallbackUrlBuilder;
    this.#defaultTtlMs = defaultTtlMs;
    this.#now = now;
    this.#randomBytes = randomBytes;
  }

  /**
   * The caller's namespace, from the namespace provider.
   *
   * @returns The namespace.
   * @throws {@link OobNamespaceMissingError} when the provider gives none (or throws).
   */
  async namespace(): Promise<string> {
    let namespace: unknown;
    try {
      namespace = await this.#namespaceProvider();
    } catch (error) {
      throw new OobNamespaceMissingError({ cause: error });
    }
    if (namespace === undefined || namespace === null || namespace === '') {
      throw new OobNamespaceMissingError();
    }
    assertNamespace(namespace, 'the namespace provider’s answer');
    return namespace;
  }

  /**
   * Creates a pending bound to the caller's namespace, with a fresh id of 256 random bits.
   *
   * @param spec - Kind, optional alias/resource/elicit id, optional `expiresAt`, and payload.
   * @returns The stored pending and its callback URL.
   * @throws TypeError when the spec is ill-formed or its `expiresAt` is not in the future.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobIdConflictError} or {@link OobStoreFailedError} from the store.
   */
  async create(spec: Spec<T>): Promise<CreatedPending<T>> {
    if (typeof spec !== 'object' || spec === null) throw new TypeError('spec must be an object');
    if (typeof spec.kind !== 'string' || spec.kind.length === 0) {
      throw new TypeError('spec.kind must be a non-empty string');
    }
    optionalString(spec.alias, 'alias');
    optionalString(spec.resource, 'resource');
    optionalString(spec.elicitId, 'elicitId');
    const namespace = await this.namespace();
    const createdAt = this.#now();
    const expiresAt = spec.expiresAt ?? createdAt + this.#defaultTtlMs;
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= createdAt) {
      throw new TypeError('spec.expiresAt must be epoch milliseconds in the future');
    }
    const pending: Pending<T> = {
      id: newPendingId(this.#randomBytes),
      namespace,
      kind: spec.kind,
      ...(spec.alias === undefined ? {} : { alias: spec.alias }),
      ...(spec.resource === undefined ? {} : { resource: spec.resource }),
      ...(spec.elicitId === undefined ? {} : { elicitId: spec.elicitId }),
      createdAt,
      expiresAt,
      data: spec.data,
    };
    await this.#store.put(pending);
    return { pending, callbackUrl: this.#callbackUrl(pending.id) };
  }

  /**
   * Reads a live pending of the caller's namespace.
   *
   * @param id - The pending's id.
   * @returns The pending, or `undefined` when it is unknown, expired, finished, malformed or
   *   another namespace's.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobStoreFailedError} from the store.
   */
  async get(id: string): Promise<Pending<T> | undefined> {
    const namespace = await this.namespace();
    return isPendingId(id) ? this.#store.get(namespace, id) : undefined;
  }

  /**
   * Completes a pending of the caller's namespace: atomically removes it and returns it to
   * this caller only. Do the completion work (token exchange, saving credentials) after it
   * returns the pending, so a replayed callback cannot do it twice.
   *
   * @param id - The pending's id.
   * @returns The pending, or `undefined` when it is unknown, expired, already completed or
   *   cancelled, or another namespace's.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobStoreFailedError} from the store.
   */
  async complete(id: string): Promise<Pending<T> | undefined> {
    const namespace = await this.namespace();
    return isPendingId(id) ? this.#store.complete(namespace, id) : undefined;
  }

  /**
   * Cancels a pending of the caller's namespace: atomically removes it and returns it to this
   * caller only.
   *
   * @param id - The pending's id.
   * @returns The pending, or `undefined` when it is unknown, expired, already completed or
   *   cancelled, or another namespace's.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobStoreFailedError} from the store.
   */
  async cancel(id: string): Promise<Pending<T> | undefined> {
    const namespace = await this.namespace();
    return isPendingId(id) ? this.#store.cancel(namespace, id) : undefined;
  }

  /**
   * Lists the caller's namespace's live pendings, oldest first.
   *
   * @returns The pendings.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobStoreFailedError} from the store.
   */
  async list(): Promise<Pending<T>[]> {
    return this.#store.listNamespace(await this.namespace());
  }

  /**
   * Removes every pending of the caller's namespace.
   *
   * @returns The ids of the live pendings removed.
   * @throws {@link OobNamespaceMissingError} outside any namespace.
   * @throws {@link OobStoreFailedError} from the store.
   */
  async clear(): Promise<string[]> {
    return this.#store.clearNamespace(await this.namespace());
  }

  /**
   * Maps a callback's id back to its pending, for a framework's route handler: see
   * {@link resolveCallback}. Needs no namespace in context (finding it is the point).
   *
   * @param id - The id from the callback URL (anything; malformed ids are not found).
   * @param options - An expected namespace, accepted kinds, and whether to consume.
   * @returns The pending, or the one 404 answer for unknown, expired and foreign ids.
   * @throws {@link OobStoreFailedError} from the store.
   */
  resolveCallback(id: unknown, options?: ResolveCallbackOptions): Promise<CallbackResolution<T>> {
    return resolveCallback(this.#store, id, options);
  }
}

function isStore(value: unknown): value is Store<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return ['put', 'get', 'lookup', 'complete', 'cancel', 'listNamespace', 'clearNamespace'].every(
    (method) => typeof store[method] === 'function',
  );
}
