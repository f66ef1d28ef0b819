import { OobIdConflictError, OobStoreFailedError, type StoreOperation } from './errors.js';
import {
  assertNamespace,
  assertPending,
  byAge,
  decodePending,
  encodePending,
  isPendingId,
  type Pending,
} from './pending.js';
import { CLEAR_MANY, GET, INDEX, PUT, READ_MANY, type RedisScript, TAKE } from './redis-scripts.js';
import type { Store } from './store.js';
import { systemNow } from './system.js';

/** The default key prefix of {@link RedisStore}. */
export const DEFAULT_REDIS_KEY_PREFIX = 'latch:oob';

/** How many entries one list or clear script reads at a time. */
const BATCH = 256;

/**
 * Keys and arguments of a Lua script call, as node-redis v5 takes them.
 */
export interface RedisEvalOptions {
  /** The keys the script touches. */
  keys: string[];
  /** The script's other arguments. */
  arguments: string[];
}

/**
 * The part of a node-redis v5 client (`createClient()` or `createCluster()` from `redis`,
 * connected) that {@link RedisStore} uses: Lua script calls only.
 */
export interface RedisScriptClient {
  /**
   * Runs a script the server has cached, by its SHA-1 (`EVALSHA`).
   *
   * @param sha1 - The script's SHA-1, hex.
   * @param options - Its keys and arguments.
   * @returns The script's reply.
   */
  evalSha(sha1: string, options: RedisEvalOptions): Promise<unknown>;
  /**
   * Runs a script from its source (`EVAL`), which also caches it on the server.
   *
   * @param script - The Lua source.
   * @param options - Its keys and arguments.
   * @returns The script's reply.
   */
  eval(script: string, options: RedisEvalOptions): Promise<unknown>;
}

/**
 * Options of {@link RedisStore}.
 */
export interface RedisStoreOptions {
  /**
   * The prefix of every key, wrapped in a hash tag (`{latch:oob}:p:<id>`) so all of a store's
   * keys share one cluster slot and its scripts also run on Redis Cluster. Instances that
   * share pendings must use the same prefix. Default: {@link DEFAULT_REDIS_KEY_PREFIX}
   * (`latch:oob`).
   */
  readonly keyPrefix?: string;
  /**
   * The clock, in epoch milliseconds, that decides expiry (every instance should agree).
   * Default: `Date.now`.
   */
  readonly now?: () => number;
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  return undefined;
}

/**
 * A {@link Store} in Redis, shared by every server instance that uses the same Redis and key
 * prefix: a callback may land on any instance and still find its pending.
 *
 * - Every key has a TTL (`PEXPIRE`): an entry lives until its `expiresAt`, a namespace index
 *   until its latest entry's; nothing is left behind when pendings are abandoned.
 * - `put`, `get`, `complete`, `cancel` and the namespace index updates are Lua scripts, so
 *   each is atomic on the server: of any number of concurrent completes of one pending, on any
 *   instances, exactly one gets it.
 * - Each namespace has an index (a sorted set of ids scored by expiry), cleaned lazily when it
 *   is listed or written, so `listNamespace` and `clearNamespace` never scan the keyspace.
 * - Payloads are stored as JSON.
 *
 * The store neither connects nor closes the client. Bound its waits with the client's own
 * options (`commandOptions: { timeout }`, `disableOfflineQueue`).
 *
 * @typeParam T - The payload type (must survive JSON).
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { RedisStore } from '@latch/oob/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = new RedisStore<{ userCode: string }>(client);
 * ```
 */
export class RedisStore<T> implements Store<T> {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;
  readonly #now: () => number;

  /**
   * @param client - A connected node-redis v5 client (or anything with its `eval`/`evalSha`).
   * @param options - Key prefix and clock.
   * @throws TypeError when `client` lacks `eval`/`evalSha`, `keyPrefix` is empty or contains
   *   `{` or `}`, or `now` is not a function.
   */
  constructor(client: RedisScriptClient, options: RedisStoreOptions = {}) {
    if (
      typeof client !== 'object' ||
      client === null ||
      typeof client.eval !== 'function' ||
      typeof client.evalSha !== 'function'
    ) {
      throw new TypeError('client must be a node-redis v5 client (with eval and evalSha)');
    }
    const { keyPrefix = DEFAULT_REDIS_KEY_PREFIX, now = systemNow } = options;
    if (typeof keyPrefix !== 'string' || keyPrefix.length === 0 || /[{}]/.test(keyPrefix)) {
      throw new TypeError('keyPrefix must be a non-empty string without { or }');
    }
    if (typeof now !== 'function') throw new TypeError('now must be a function');
    this.#client = client;
    this.#prefix = `{${keyPrefix}}`;
    this.#now = now;
  }

  /** {@inheritDoc Store.put} */
  async put(pending: Pending<T>): Promise<void> {
    const now = this.#now();
    assertPending(pending, now);
    const json = encodePending(pending);
    const written = await this.#run(
      'put',
      PUT,
      [this.#entryKey(pending.id), this.#indexKey(pending.namespace)],
      [pending.namespace, String(pending.expiresAt), json, String(now), pending.id],
    );
    if (written === 0) throw new OobIdConflictError();
    if (written !== 1) throw this.#unexpected('put');
  }

  /** {@inheritDoc Store.get} */
  async get(namespace: string, id: string): Promise<Pending<T> | undefined> {
    assertNamespace(namespace);
    if (!isPendingId(id)) return undefined;
    const reply = await this.#run(
      'get',
      GET,
      [this.#entryKey(id)],
      [String(this.#now()), namespace],
    );
    return this.#decode('get', reply);
  }

  /** {@inheritDoc Store.lookup} */
  async lookup(id: string): Promise<Pending<T> | undefined> {
    if (!isPendingId(id)) return undefined;
    const reply = await this.#run('lookup', GET, [this.#entryKey(id)], [String(this.#now())]);
    return this.#decode('lookup', reply);
  }

  /** {@inheritDoc Store.complete} */
  async complete(namespace: string, id: string): Promise<Pending<T> | undefined> {
    return this.#take('complete', namespace, id);
  }

  /** {@inheritDoc Store.cancel} */
  async cancel(namespace: string, id: string): Promise<Pending<T> | undefined> {
    return this.#take('cancel', namespace, id);
  }

  /** {@inheritDoc Store.listNamespace} */
  async listNamespace(namespace: string): Promise<Pending<T>[]> {
    assertNamespace(namespace);
    const out: Pending<T>[] = [];
    for (const reply of await this.#eachBatch('listNamespace', READ_MANY, namespace)) {
      const pending = this.#decode('listNamespace', reply);
      if (pending) out.push(pending);
    }
    return out.sort(byAge);
  }

  /** {@inheritDoc Store.clearNamespace} */
  async clearNamespace(namespace: string): Promise<string[]> {
    assertNamespace(namespace);
    const replies = await this.#eachBatch('clearNamespace', CLEAR_MANY, namespace);
    return replies.map((reply) => text(reply) ?? '').filter(isPendingId);
  }

  #entryKey(id: string): string {
    return `${this.#prefix}:p:${id}`;
  }

  #indexKey(namespace: string): string {
    return `${this.#prefix}:ns:${namespace}`;
  }

  async #take(
    operation: StoreOperation,
    namespace: string,
    id: string,
  ): Promise<Pending<T> | undefined> {
    assertNamespace(namespace);
    if (!isPendingId(id)) return undefined;
    const keys = [this.#entryKey(id), this.#indexKey(namespace)];
    const reply = await this.#run(operation, TAKE, keys, [String(this.#now()), namespace, id]);
    return this.#decode(operation, reply);
  }

  /** Reads a namespace's index, then runs `script` over its entries in batches. */
  async #eachBatch(
    operation: StoreOperation,
    script: RedisScript,
    namespace: string,
  ): Promise<unknown[]> {
    const index = this.#indexKey(namespace);
    const now = String(this.#now());
    const ids = await this.#run(operation, INDEX, [index], [now]);
    if (!Array.isArray(ids)) throw this.#unexpected(operation);
    const valid = ids.map(text).filter(isPendingId);
    const replies: unknown[] = [];
    for (let i = 0; i < valid.length; i += BATCH) {
      const batch = valid.slice(i, i + BATCH);
      const keys = [index, ...batch.map((id) => this.#entryKey(id))];
      const reply = await this.#run(operation, script, keys, [now, namespace, ...batch]);
      if (!Array.isArray(reply)) throw this.#unexpected(operation);
      replies.push(...reply);
    }
    return replies;
  }

  #decode(operation: StoreOperation, reply: unknown): Pending<T> | undefined {
    if (reply === null || reply === undefined) return undefined;
    const json = text(reply);
    const pending = json === undefined ? undefined : decodePending<T>(json);
    if (!pending) {
      throw new OobStoreFailedError({
        operation,
        reason: 'a record under the key prefix was not written by @latch/oob',
      });
    }
    return pending;
  }

  #unexpected(operation: StoreOperation): OobStoreFailedError {
    return new OobStoreFailedError({ operation, reason: 'Redis gave an unexpected reply' });
  }

  /** EVALSHA, falling back to EVAL when the server has not cached the script yet. */
  async #run(
    operation: StoreOperation,
    script: RedisScript,
    keys: string[],
    args: string[],
  ): Promise<unknown> {
    const options = { keys, arguments: args };
    try {
      try {
        return await this.#client.evalSha(script.sha1, options);
      } catch (error) {
        if (!isNoScript(error)) throw error;
        return await this.#client.eval(script.source, options);
      }
    } catch (error) {
      throw new OobStoreFailedError({
        operation,
        reason: 'Redis refused the command or could not be reached',
        cause: error,
      });
    }
  }
}
