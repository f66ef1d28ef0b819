import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import type { TokenSet } from '@latch/core';
import { defaultStoreDir } from './default-store-dir.js';
import {
  DEFAULT_SCRYPT,
  type EncryptedFileStoreOptions,
  KEY_FILE_NAME,
  STORE_FILE_NAME,
  type StoreLock,
  type StoreLockOptions,
} from './encrypted-file-store-options.js';
import { ensurePrivateDir, removeFile, removeStaleTempFiles, writeFileAtomic } from './file-io.js';
import {
  NONCE_BYTES,
  SALT_BYTES,
  type SealedHeader,
  type SealedKeyKind,
  sealFile,
  validScryptParams,
} from './sealed-file.js';
import { buildStoreDocument } from './store-document.js';
import { readStoreFile, type StoreFiles } from './store-file-reader.js';
import { assertAccountKey, assertServiceName } from './store-key.js';
import {
  derivePassphraseKey,
  type RandomBytes,
  readOrCreateKeyFile,
} from './store-key-material.js';
import { tokenSetToStore } from './token-set-codec.js';
import type { StoreCallOptions, TokenSetUpdater, UpdatableTokenStore } from './token-store.js';

const NO_CHANGE = Symbol('no change');

/**
 * A {@link TokenStore} in one encrypted file per service: all accounts of the service as one
 * JSON document, sealed with AES-256-GCM under a versioned, authenticated header.
 *
 * The key is 32 random bytes in a separate key file beside the data (mode 0600), or derived
 * from a passphrase with scrypt. Writes are atomic (temporary file, fsync, rename, directory
 * fsync) and read-modify-write under a cross-process lock, so concurrent writers lose nothing.
 * A torn, truncated, modified or wrong-key file is a {@link CorruptStoreError}; a missing file
 * is an empty store.
 *
 * @example
 * ```ts
 * const store = new EncryptedFileStore({ service: 'mycli' });
 * await store.save(storeKey({ issuer: 'https://login.example.com' }), tokens);
 * ```
 */
export class EncryptedFileStore implements UpdatableTokenStore {
  /** The directory holding the store's files. */
  readonly dir: string;
  /** The encrypted data file. */
  readonly file: string;
  /** The key file, or `undefined` when the store is keyed by a passphrase. */
  readonly keyFile: string | undefined;
  readonly #options: EncryptedFileStoreOptions;
  readonly #random: RandomBytes;
  readonly #lock: StoreLock;
  readonly #derived = new Map<string, Promise<Buffer>>();

  /**
   * @param options - Service, directory, key source, lock and random source.
   * @throws TypeError when the service, directory, passphrase or scrypt cost is invalid.
   */
  constructor(options: EncryptedFileStoreOptions) {
    assertServiceName(options?.service);
    if (
      options.dir !== undefined &&
      (typeof options.dir !== 'string' || !isAbsolute(options.dir))
    ) {
      throw new TypeError('options.dir must be an absolute path');
    }
    if (
      options.passphrase !== undefined &&
      (typeof options.passphrase !== 'string' || options.passphrase.length === 0)
    ) {
      throw new TypeError('options.passphrase must be a non-empty string');
    }
    if (options.scrypt !== undefined && !validScryptParams(options.scrypt)) {
      throw new TypeError('options.scrypt must have logN 10–22, r 1–32, p 1–4, at most 256 MiB');
    }
    this.dir = options.dir ?? defaultStoreDir(options.service, options);
    this.file = join(this.dir, STORE_FILE_NAME);
    this.keyFile = options.passphrase === undefined ? join(this.dir, KEY_FILE_NAME) : undefined;
    this.#options = options;
    this.#random = options.randomBytes ?? cryptoRandomBytes;
    this.#lock = options.withLock ?? proclockWithLock;
  }

  /**
   * Reads the token set stored under `key` (without taking the lock: writes are atomic).
   *
   * @param key - The account key.
   * @param options - Signal (checked before reading).
   * @returns The token set, or `undefined` when the file or the account is absent.
   * @throws {@link CorruptStoreError} when the file cannot be read back.
   * @throws {@link StoreIoError} when the file cannot be read.
   */
  async load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    assertAccountKey(key);
    options?.signal?.throwIfAborted();
    const { accounts } = await readStoreFile(this.#files());
    return accounts.get(key);
  }

  /**
   * Stores `tokens` under `key`, keeping every other account of the file.
   *
   * @param key - The account key.
   * @param tokens - The token set.
   * @param options - Signal (for the wait for the lock).
   * @throws TypeError when `key` or `tokens` is not valid.
   * @throws {@link CorruptStoreError} when the existing file cannot be read back (it is not
   *   overwritten: delete it, or call {@link EncryptedFileStore.clear}).
   * @throws {@link StoreIoError} when the directory cannot be written.
   * @throws `LockTimeoutError` or `LockAbortedError` (from `@latch/proclock`) when the lock is
   *   not obtained.
   */
  async save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    const value = tokenSetToStore(tokens);
    await this.#mutate(key, () => value, options);
  }

  /**
   * Removes the account `key` from the file; an absent account or file is fine.
   *
   * @param key - The account key.
   * @param options - Signal (for the wait for the lock).
   * @throws As {@link EncryptedFileStore.save} does.
   */
  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    assertAccountKey(key);
    await this.#mutate(key, () => undefined, options);
  }

  /**
   * Reads, changes and writes one account under the cross-process lock, re-reading the file
   * inside the lock, so no other writer's change is lost.
   *
   * @param key - The account key.
   * @param updater - Computes the new value (`undefined` deletes the account).
   * @param options - Signal (for the wait for the lock).
   * @returns The value now stored.
   * @throws TypeError when `key` is not valid or `updater` returns an invalid token set.
   * @throws As {@link EncryptedFileStore.save} does.
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
    return this.#mutate(
      key,
      async (current) => {
        const next = await updater(current);
        return next === undefined ? undefined : tokenSetToStore(next);
      },
      options,
    );
  }

  /**
   * Deletes the whole data file (every account), whatever state it is in — the way out of a
   * {@link CorruptStoreError}. The key file is kept.
   *
   * @param options - Signal (for the wait for the lock).
   * @throws {@link StoreIoError} when the file cannot be deleted.
   */
  async clear(options?: StoreCallOptions): Promise<void> {
    await ensurePrivateDir(this.dir);
    await this.#lock(
      STORE_FILE_NAME,
      async (lock) => {
        await removeStaleTempFiles(this.file);
        lock.signal.throwIfAborted();
        await removeFile(this.file);
      },
      this.#lockOptions(options),
    );
  }

  async #mutate(
    key: string,
    change: (current: TokenSet | undefined) => TokenSet | undefined | Promise<TokenSet | undefined>,
    options: StoreCallOptions | undefined,
  ): Promise<TokenSet | undefined> {
    options?.signal?.throwIfAborted();
    await ensurePrivateDir(this.dir);
    return this.#lock(
      STORE_FILE_NAME,
      async (lock) => {
        await removeStaleTempFiles(this.file);
        if (this.keyFile !== undefined) await removeStaleTempFiles(this.keyFile);
        const opened = await readStoreFile(this.#files());
        const next = await change(opened.accounts.get(key));
        const result = next === undefined && !opened.accounts.has(key) ? NO_CHANGE : next;
        if (result === NO_CHANGE) return undefined;
        if (result === undefined) opened.accounts.delete(key);
        else opened.accounts.set(key, result);
        const sealed = await this.#seal(buildStoreDocument(opened.accounts), opened);
        lock.signal.throwIfAborted();
        await writeFileAtomic(this.file, sealed, this.#hex(8));
        return result;
      },
      this.#lockOptions(options),
    );
  }

  async #seal(
    plaintext: Buffer,
    opened: { readonly key: Buffer | undefined; readonly header: SealedHeader | undefined },
  ): Promise<Buffer> {
    let key = opened.key;
    let kind: SealedKeyKind = { kind: 'key-file' };
    const { passphrase } = this.#options;
    if (passphrase !== undefined) {
      // Keep the salt and cost of the existing file: its derived key is already known.
      const header = opened.header?.kind === 'passphrase' ? opened.header : undefined;
      kind = header ?? {
        kind: 'passphrase',
        scrypt: this.#options.scrypt ?? DEFAULT_SCRYPT,
        salt: Buffer.from(this.#random(SALT_BYTES)),
      };
      key ??= await this.#passphraseKey(kind);
    } else {
      key ??= await readOrCreateKeyFile(this.keyFile as string, this.file, this.#random);
    }
    try {
      return sealFile(plaintext, key, kind, this.#random(NONCE_BYTES));
    } finally {
      plaintext.fill(0);
    }
  }

  #passphraseKey(kind: SealedKeyKind & { kind: 'passphrase' }): Promise<Buffer> {
    const { logN, r, p } = kind.scrypt;
    const id = `${logN}:${r}:${p}:${kind.salt.toString('hex')}`;
    let derived = this.#derived.get(id);
    if (derived === undefined) {
      derived = derivePassphraseKey(this.#options.passphrase as string, kind.salt, kind.scrypt);
      derived.catch(() => this.#derived.delete(id));
      this.#derived.set(id, derived);
    }
    return derived;
  }

  #files(): StoreFiles {
    return {
      file: this.file,
      keyFile: this.keyFile,
      passphraseKey:
        this.#options.passphrase === undefined
          ? undefined
          : (header) => this.#passphraseKey(header),
    };
  }

  #lockOptions(options: StoreCallOptions | undefined): StoreLockOptions {
    return {
      dir: this.dir,
      signal: options?.signal,
      timeoutMs: this.#options.lockTimeoutMs ?? 30_000,
      staleMs: this.#options.lockStaleMs,
    };
  }

  #hex(bytes: number): string {
    return Buffer.from(this.#random(bytes)).toString('hex');
  }
}

/**
 * `withLock` of `@latch/proclock`, loaded on the first write: reading a store (every `latch
 * token`) loads no lock code.
 */
const proclockWithLock: StoreLock = async (name, fn, options) => {
  const { withLock } = await import('@latch/proclock');
  return withLock(name, fn, options);
};
