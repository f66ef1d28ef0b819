import { abortable, type TokenSet, throwIfAborted } from '@latch/core';
import { NONCE_BYTES } from './aes-gcm.js';
import { CorruptStoreError, type CorruptStoreReason, TokenStoreConflictError } from './errors.js';
import { openRedisEntry, parseRedisEntry, sealRedisEntry } from './redis-entry.js';
import {
  type RedisTokenClient,
  type RedisTokenStoreOptions,
  type ResolvedRedisTokenStoreOptions,
  resolveRedisTokenStoreOptions,
} from './redis-token-store-options.js';
import { assertAccountKey } from './store-key.js';
import { parseStoredTokenSet, tokenSetToStore } from './token-set-codec.js';
import type { StoreCallOptions, TokenSetUpdater, UpdatableTokenStore } from './token-store.js';

/** Writes ARGV[2] (or deletes when it is empty) if the key still holds ARGV[1] ('' = absent). */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
`;

/** A {@link CorruptStoreError} for one entry: where, why, and the way out; never its content. */
function corruptEntry(
  redisKey: string,
  reason: CorruptStoreReason,
  detail: string,
): CorruptStoreError {
  const location = `redis key "${redisKey}"`;
  const wayOut =
    reason === 'wrong_key'
      ? 'If the encryption key was changed, pass the old key in previousKeys; otherwise delete ' +
        'the entry (store.delete(key)) and log in again.'
      : reason === 'unsupported_version'
        ? 'Upgrade @latch/tokenstore, or delete the entry (store.delete(key)) and log in again.'
        : 'Delete the entry (store.delete(key)) and log in again.';
  return new CorruptStoreError(
    `The token entry at ${location} cannot be read: ${detail}. ${wayOut}`,
    {
      location,
      reason,
    },
  );
}

/**
 * A token store in Redis, shared by every instance of a server, with each entry encrypted:
 * one string key per account, `keyPrefix + accountKey`, holding
 * `v1.<keyId>.<base64url(nonce ‖ AES-256-GCM ciphertext ‖ tag)>`.
 *
 * - The tokens never reach Redis (or its snapshots, replicas and backups) in clear. The full
 *   key name is authenticated, so an entry copied under another account's key is refused
 *   (`CorruptStoreError`, reason `tampered`) rather than served to the wrong account.
 * - Key rotation: pass the new key as `encryptionKey` and the old one in `previousKeys`;
 *   entries are read under whichever key their `keyId` names, and every `save` and `update`
 *   writes under `encryptionKey`.
 * - `update` is optimistic: it reads, runs the updater, and writes only if the entry still
 *   holds what it read (a compare-and-set Lua script), retrying otherwise — so a refresh on one
 *   instance cannot overwrite a logout on another.
 *
 * The store neither connects nor closes the client; bound its waits with the client's own
 * options (`socket.connectTimeout`, `disableOfflineQueue`, `commandOptions.timeout`).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.3 | RFC 6749 §10.3–10.4}
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { RedisTokenStore } from '@latch/tokenstore/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = new RedisTokenStore(client, { encryptionKey: keyFromYourSecretManager });
 * ```
 */
export class RedisTokenStore implements UpdatableTokenStore {
  readonly #client: RedisTokenClient;
  readonly #options: ResolvedRedisTokenStoreOptions;

  /**
   * @param client - A connected node-redis 5 client (or anything with its `sendCommand`).
   * @param options - The encryption key (required), previous keys, key prefix, retry bound.
   * @throws TypeError for a client without `sendCommand`, a key that is not 32 bytes, or
   *   another bad option (the message names the option, never a key's bytes).
   */
  constructor(client: RedisTokenClient, options: RedisTokenStoreOptions) {
    this.#options = resolveRedisTokenStoreOptions(client, options);
    this.#client = client;
  }

  /**
   * Reads and decrypts the token set stored under `key`.
   *
   * @param key - The account key.
   * @param options - Signal (stops the wait for Redis).
   * @returns The token set, or `undefined` when none is stored.
   * @throws TypeError when `key` is not a valid account key.
   * @throws {@link CorruptStoreError} when the entry cannot be read back: `wrong_key` (sealed
   *   under a key this store was not given), `tampered` (changed, or copied from another key
   *   name), `not_a_store`, `unsupported_version`, `bad_header`, `truncated`, or
   *   `invalid_content`.
   * @throws `AbortError` (from `@latch/core`) when `signal` aborts; otherwise the client's own
   *   error.
   */
  async load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    const redisKey = this.#redisKey(key);
    const text = await this.#get(redisKey, options?.signal);
    return text === undefined ? undefined : this.#open(redisKey, text);
  }

  /**
   * Encrypts `tokens` (only a token set's fields) under the current key and stores them under
   * `key`, replacing what was there.
   *
   * @param key - The account key.
   * @param tokens - The token set.
   * @param options - Signal (stops the wait for Redis; a write already sent may still land).
   * @throws TypeError for a bad key or a token set that is not valid.
   * @throws `AbortError` (from `@latch/core`) when `signal` aborts; otherwise the client's own
   *   error.
   */
  async save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    const redisKey = this.#redisKey(key);
    const value = this.#seal(redisKey, tokenSetToStore(tokens));
    await this.#send(['SET', redisKey, value], options?.signal, 'saving tokens to Redis');
  }

  /**
   * Removes the entry under `key`, if any (readable or not).
   *
   * @param key - The account key.
   * @param options - Signal (stops the wait for Redis).
   * @throws TypeError for a bad key.
   * @throws `AbortError` (from `@latch/core`) when `signal` aborts; otherwise the client's own
   *   error.
   */
  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    const redisKey = this.#redisKey(key);
    await this.#send(['DEL', redisKey], options?.signal, 'deleting tokens from Redis');
  }

  /**
   * Reads the entry under `key`, passes it to `updater` and stores what it returns, encrypted
   * under the current key (deleting the entry on `undefined`), only if nobody wrote the entry
   * meanwhile; otherwise reads again and calls `updater` again, up to `maxAttempts` times.
   *
   * @param key - The account key.
   * @param updater - Computes the new value from the current one; may run more than once.
   * @param options - Signal (checked before each attempt and each Redis call).
   * @returns The value now stored, or `undefined` when the entry was deleted.
   * @throws TypeError for a bad key, an `updater` that is not a function or that returns an
   *   invalid token set.
   * @throws {@link CorruptStoreError} when the current entry cannot be read back.
   * @throws {@link TokenStoreConflictError} when every attempt met a concurrent write.
   * @throws `AbortError` (from `@latch/core`) when `signal` aborts; otherwise the client's own
   *   error.
   */
  async update(
    key: string,
    updater: TokenSetUpdater,
    options?: StoreCallOptions,
  ): Promise<TokenSet | undefined> {
    const redisKey = this.#redisKey(key);
    if (typeof updater !== 'function') {
      throw new TypeError('update(key, updater): updater must be a function');
    }
    const signal = options?.signal;
    const { maxAttempts } = this.#options;
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const before = (await this.#get(redisKey, signal)) ?? '';
      const next = await updater(before === '' ? undefined : this.#open(redisKey, before));
      const stored = next === undefined ? undefined : tokenSetToStore(next);
      const after = stored === undefined ? '' : this.#seal(redisKey, stored);
      const written = await this.#send(
        ['EVAL', COMPARE_AND_SET, '1', redisKey, before, after],
        signal,
        'updating tokens in Redis',
      );
      if (Number(written) === 1) return stored;
    }
    throw new TokenStoreConflictError({ attempts: maxAttempts });
  }

  #redisKey(key: string): string {
    assertAccountKey(key);
    return `${this.#options.prefix}${key}`;
  }

  #send(args: readonly string[], signal: AbortSignal | undefined, what: string): Promise<unknown> {
    throwIfAborted(signal, what);
    return abortable(this.#client.sendCommand(args), signal, what);
  }

  async #get(redisKey: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const reply = await this.#send(['GET', redisKey], signal, 'reading tokens from Redis');
    if (reply === null || reply === undefined) return undefined;
    return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
  }

  #seal(redisKey: string, tokens: TokenSet): string {
    const nonce = this.#options.randomBytes(NONCE_BYTES);
    const plaintext = Buffer.from(JSON.stringify(tokens), 'utf8');
    return sealRedisEntry(plaintext, this.#options.currentKey, nonce, redisKey);
  }

  #open(redisKey: string, text: string): TokenSet {
    const parsed = parseRedisEntry(text);
    if (!parsed.ok) throw corruptEntry(redisKey, parsed.reason, parsed.detail);
    const { keyId } = parsed.value;
    const key = this.#options.keys.get(keyId);
    if (key === undefined) {
      throw corruptEntry(
        redisKey,
        'wrong_key',
        `it was encrypted with key id ${keyId}, which is neither encryptionKey nor one of previousKeys`,
      );
    }
    const opened = openRedisEntry(parsed.value, key, redisKey);
    if (!opened.ok) throw corruptEntry(redisKey, opened.reason, opened.detail);
    let value: unknown;
    try {
      value = JSON.parse(opened.value.toString('utf8'));
    } catch {
      throw corruptEntry(redisKey, 'invalid_content', 'it decrypted, but is not JSON');
    }
    const checked = parseStoredTokenSet(value);
    if (!checked.ok) {
      throw corruptEntry(redisKey, 'invalid_content', `it decrypted, but ${checked.problem}`);
    }
    return checked.tokens;
  }
}
