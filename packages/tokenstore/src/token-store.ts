import type { TokenSet } from '@latch/core';

/**
 * Options every {@link TokenStore} operation accepts.
 */
export interface StoreCallOptions {
  /**
   * Stops the operation while it waits (for the keychain, or for the file store's lock); it
   * then rejects with the signal's reason wrapped in a latch error. Default: none.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Where latch keeps token sets: one store per CLI (its keychain service name is fixed when the
 * store is made), one entry per account key, usually made by {@link storeKey} from the issuer
 * and a profile name.
 *
 * Every store validates a `TokenSet` (from `@latch/core`) on `save` (a bad one is a `TypeError`) and on
 * `load` (a stored value that is not a token set is a {@link CorruptStoreError}, never a
 * crash and never a silent `undefined`).
 *
 * @example
 * ```ts
 * const key = storeKey({ issuer: 'https://login.example.com', profile: 'work' });
 * await store.save(key, tokens);
 * const again = await store.load(key); // the same token set, or undefined
 * await store.delete(key); // idempotent
 * ```
 */
export interface TokenStore {
  /**
   * Reads the token set stored under `key`.
   *
   * @param key - The account key (see {@link storeKey}).
   * @param options - Signal.
   * @returns The token set, or `undefined` when none is stored.
   * @throws TypeError when `key` is not a valid account key.
   * @throws {@link CorruptStoreError} when something is stored but cannot be read back.
   */
  load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined>;
  /**
   * Stores `tokens` under `key`, replacing what was there. Only the fields of a
   * `TokenSet` (from `@latch/core`) are kept.
   *
   * @param key - The account key (see {@link storeKey}).
   * @param tokens - The token set to keep.
   * @param options - Signal.
   * @throws TypeError when `key` or `tokens` is not valid.
   */
  save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void>;
  /**
   * Removes what is stored under `key`. Deleting a key that holds nothing succeeds.
   *
   * @param key - The account key (see {@link storeKey}).
   * @param options - Signal.
   * @throws TypeError when `key` is not a valid account key.
   */
  delete(key: string, options?: StoreCallOptions): Promise<void>;
}

/**
 * The function {@link UpdatableTokenStore.update} calls with the current value: it returns the
 * value to store, or `undefined` to delete the entry.
 */
export type TokenSetUpdater = (
  current: TokenSet | undefined,
) => TokenSet | undefined | PromiseLike<TokenSet | undefined>;

/**
 * A {@link TokenStore} that can also read, change and write one entry as a single step that no
 * other writer interleaves with (the memory store, and the encrypted file store under its
 * cross-process lock).
 */
export interface UpdatableTokenStore extends TokenStore {
  /**
   * Reads the entry under `key`, passes it to `updater` and stores what it returns (deleting
   * the entry when it returns `undefined`), with no other write in between.
   *
   * @param key - The account key (see {@link storeKey}).
   * @param updater - Computes the new value from the current one.
   * @param options - Signal.
   * @returns The value now stored, or `undefined` when the entry was deleted.
   * @throws TypeError when `key` is not valid or `updater` returns something that is not a
   *   token set.
   * @throws {@link CorruptStoreError} when the current value cannot be read back.
   */
  update(
    key: string,
    updater: TokenSetUpdater,
    options?: StoreCallOptions,
  ): Promise<TokenSet | undefined>;
}
