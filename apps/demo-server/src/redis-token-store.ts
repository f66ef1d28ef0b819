import type { TokenSet } from '@latch/core';
import {
  CorruptStoreError,
  type StoreCallOptions,
  type TokenSetUpdater,
  type UpdatableTokenStore,
} from '@latch/tokenstore';
import { TokenStoreConflictError } from './token-store-conflict-error.js';

/** The part of a node-redis 5 client the store uses (a connected `createClient()` fits). */
export interface RedisTokenClient {
  /**
   * Sends one command.
   *
   * @param args - The command and its arguments.
   * @returns The reply.
   */
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** The prefix of every key. Default: `'latch:demo-server:tokens:'`. */
  readonly keyPrefix?: string | undefined;
  /** How many times a contended `update` is tried. Default: 20. */
  readonly maxAttempts?: number | undefined;
}

/** Writes ARGV[2] (or deletes when it is empty) if the key still holds ARGV[1] ('' = absent). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
`;

const FIELDS = [
  'accessToken',
  'tokenType',
  'expiresAt',
  'refreshToken',
  'scope',
  'idToken',
  'issuedTokenType',
] as const;

/**
 * A token store (`@latch/tokenstore`'s `UpdatableTokenStore`) in Redis, shared by every
 * instance of the server: each entry is one JSON string key. `update` is optimistic: it reads,
 * runs the updater, and writes only if nobody wrote meanwhile (a compare-and-set Lua script),
 * retrying otherwise — so a refresh on one instance cannot overwrite a disconnect on another.
 *
 * Values are the tokens themselves: protect the Redis server (ACLs, TLS, no persistence you
 * do not want).
 *
 * @example
 * ```ts
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = new RedisTokenStore(client);
 * ```
 */
export class RedisTokenStore implements UpdatableTokenStore {
  readonly #client: RedisTokenClient;
  readonly #prefix: string;
  readonly #maxAttempts: number;

  /**
   * @param client - A connected client; the store never closes it.
   * @param options - Key prefix and retry bound.
   * @throws TypeError for a client without `sendCommand` or a bad option.
   */
  constructor(client: RedisTokenClient, options: RedisTokenStoreOptions = {}) {
    if (typeof client?.sendCommand !== 'function') {
      throw new TypeError('RedisTokenStore: client must be a connected node-redis client');
    }
    this.#client = client;
    this.#prefix = options.keyPrefix ?? 'latch:demo-server:tokens:';
    this.#maxAttempts = options.maxAttempts ?? 20;
    if (!Number.isSafeInteger(this.#maxAttempts) || this.#maxAttempts <= 0) {
      throw new TypeError('RedisTokenStore: options.maxAttempts must be a positive integer');
    }
  }

  /**
   * Reads the token set stored under `key`.
   *
   * @param key - The account key.
   * @param options - Signal (checked before reading).
   * @returns The token set, or `undefined` when none is stored.
   * @throws `CorruptStoreError` when the entry is not a token set.
   */
  async load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    options?.signal?.throwIfAborted();
    return this.#decode(key, await this.#get(key));
  }

  /**
   * Stores `tokens` under `key`, replacing what was there (only a token set's fields).
   *
   * @param key - The account key.
   * @param tokens - The token set.
   * @param options - Signal (checked before writing).
   * @throws TypeError for a bad key or a token set without an access token.
   */
  async save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    await this.#client.sendCommand(['SET', this.#key(key), encode(tokens)]);
  }

  /**
   * Removes the entry under `key`, if any.
   *
   * @param key - The account key.
   * @param options - Signal (checked before deleting).
   * @throws TypeError for a bad key.
   */
  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    await this.#client.sendCommand(['DEL', this.#key(key)]);
  }

  /**
   * Reads the entry under `key`, passes it to `updater` and stores what it returns (deleting
   * the entry on `undefined`) only if nobody wrote it meanwhile; otherwise tries again.
   *
   * @param key - The account key.
   * @param updater - Computes the new value from the current one.
   * @param options - Signal (checked before each attempt).
   * @returns The value now stored, or `undefined` when the entry was deleted.
   * @throws {@link TokenStoreConflictError} when every attempt met a concurrent write.
   */
  async update(
    key: string,
    updater: TokenSetUpdater,
    options?: StoreCallOptions,
  ): Promise<TokenSet | undefined> {
    if (typeof updater !== 'function') {
      throw new TypeError('update(key, updater): updater must be a function');
    }
    for (let attempt = 0; attempt < this.#maxAttempts; attempt += 1) {
      options?.signal?.throwIfAborted();
      const before = (await this.#get(key)) ?? '';
      const next = await updater(before === '' ? undefined : this.#decode(key, before));
      const after = next === undefined ? '' : encode(next);
      const written = await this.#client.sendCommand([
        'EVAL',
        COMPARE_AND_SET,
        '1',
        this.#key(key),
        before,
        after,
      ]);
      if (Number(written) === 1) return next === undefined ? undefined : this.#decode(key, after);
    }
    throw new TokenStoreConflictError({ attempts: this.#maxAttempts });
  }

  #key(key: string): string {
    if (typeof key !== 'string' || key === '' || key.length > 512) {
      throw new TypeError('A store key must be a non-empty string of at most 512 characters');
    }
    return `${this.#prefix}${key}`;
  }

  async #get(key: string): Promise<string | undefined> {
    const reply = await this.#client.sendCommand(['GET', this.#key(key)]);
    if (reply === null || reply === undefined) return undefined;
    return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
  }

  #decode(_key: string, text: string | undefined): TokenSet | undefined {
    if (text === undefined) return undefined;
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      if (typeof value.accessToken === 'string' && value.accessToken !== '') {
        if (value.tokenType === 'Bearer' || value.tokenType === 'N_A')
          return value as unknown as TokenSet;
      }
    } catch {
      // fall through
    }
    throw new CorruptStoreError(
      'A Redis token entry is not a token set: delete it and connect the account again.',
      { location: `redis ${this.#prefix}…`, reason: 'invalid_content' },
    );
  }
}

/** Only the token set's own fields, as JSON. */
function encode(tokens: TokenSet): string {
  if (typeof tokens?.accessToken !== 'string' || tokens.accessToken === '') {
    throw new TypeError('save: tokens.accessToken must be a non-empty string');
  }
  const picked: Record<string, unknown> = {};
  for (const field of FIELDS) if (tokens[field] !== undefined) picked[field] = tokens[field];
  return JSON.stringify(picked);
}
