import type { TokenSet } from '@latch/core';
import { assertAccountKey } from './store-key.js';
import { tokenSetToStore } from './token-set-codec.js';
import type { StoreCallOptions, TokenSetUpdater, UpdatableTokenStore } from './token-store.js';

/**
 * A {@link TokenStore} in this process's memory: nothing survives the process. For tests,
 * servers that keep sessions elsewhere, and as an explicit choice in {@link openTokenStore}.
 *
 * Values are kept as JSON text, so a caller mutating an object after `save` (or the one `load`
 * returned) never changes what is stored. Writes (`save`, `delete`, `update`) run one at a
 * time, in call order.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * await store.save('https://login.example.com#default', tokens);
 * ```
 */
export class MemoryStore implements UpdatableTokenStore {
  readonly #entries = new Map<string, string>();
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Reads the token set stored under `key`.
   *
   * @param key - The account key.
   * @param options - Signal (checked before reading).
   * @returns The token set, or `undefined`.
   * @throws TypeError when `key` is not a valid account key.
   */
  async load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    assertAccountKey(key);
    options?.signal?.throwIfAborted();
    return this.#read(key);
  }

  /**
   * Stores `tokens` under `key`.
   *
   * @param key - The account key.
   * @param tokens - The token set.
   * @param options - Signal (checked before writing).
   * @throws TypeError when `key` or `tokens` is not valid.
   */
  async save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    const value = JSON.stringify(tokenSetToStore(tokens));
    await this.#serial(() => {
      options?.signal?.throwIfAborted();
      this.#entries.set(key, value);
    });
  }

  /**
   * Removes the entry under `key`, if any.
   *
   * @param key - The account key.
   * @param options - Signal (checked before deleting).
   * @throws TypeError when `key` is not a valid account key.
   */
  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    await this.#serial(() => {
      options?.signal?.throwIfAborted();
      this.#entries.delete(key);
    });
  }

  /**
   * Reads, changes and writes the entry under `key`, with no other write of this store in
   * between.
   *
   * @param key - The account key.
   * @param updater - Computes the new value (`undefined` deletes the entry).
   * @param options - Signal (checked before starting).
   * @returns The value now stored.
   * @throws TypeError when `key` is not valid or `updater` returns an invalid token set.
   */
  async update(
    key: string,
    updater: TokenSetUpdater,
    options?: StoreCallOptions,
  ): Promise<TokenSet | undefined> {
    assertAccountKey(key);
    if (typeof updater !== 'function') {
      throw new TypeError('update(key, updater): updater must be a function');
    }
    return this.#serial(async () => {
      options?.signal?.throwIfAborted();
      const next = await updater(this.#read(key));
      if (next === undefined) {
        this.#entries.delete(key);
        return undefined;
      }
      this.#entries.set(key, JSON.stringify(tokenSetToStore(next)));
      return this.#read(key);
    });
  }

  #serial<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #read(key: string): TokenSet | undefined {
    const text = this.#entries.get(key);
    // Only validated token sets are kept, so the parsed text is one.
    return text === undefined ? undefined : (JSON.parse(text) as TokenSet);
  }
}
