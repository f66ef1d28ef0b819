import type { DefaultStoreDirOptions } from './default-store-dir.js';
import type { ScryptParams } from './sealed-file.js';
import type { RandomBytes } from './store-key-material.js';

/** The name of the encrypted data file in the store's directory. */
export const STORE_FILE_NAME = 'tokens.enc';
/** The name of the key file in the store's directory. */
export const KEY_FILE_NAME = 'key';
/** The scrypt cost new passphrase files are sealed with: N = 2^15, r = 8, p = 1 (32 MiB). */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ logN: 15, r: 8, p: 1 });

/** Options the file store passes to its {@link StoreLock}. */
export interface StoreLockOptions {
  /** The directory the lock lives in: the store's own directory. */
  readonly dir: string;
  /** Stops waiting for the lock. */
  readonly signal?: AbortSignal | undefined;
  /** How long to wait for the lock, in milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** After how long a crashed holder's lock may be taken over, in milliseconds. */
  readonly staleMs?: number | undefined;
}

/**
 * A cross-process lock runner with the shape of `withLock` from `@latch/proclock`: runs `fn`
 * while holding the lock `name`. `fn` checks `lock.signal` before it writes.
 */
export type StoreLock = <T>(
  name: string,
  fn: (lock: { readonly signal: AbortSignal }) => Promise<T>,
  options: StoreLockOptions,
) => Promise<T>;

/**
 * Options of {@link EncryptedFileStore}.
 */
export interface EncryptedFileStoreOptions extends DefaultStoreDirOptions {
  /** The service name, one per CLI (e.g. `mycli`): 1–128 of `A–Z a–z 0–9 . _ -`. */
  readonly service: string;
  /**
   * The directory of the store's files, an absolute path; created with mode 0700.
   * Default: {@link defaultStoreDir}`(service)`, e.g. `~/.config/latch/mycli`.
   */
  readonly dir?: string | undefined;
  /**
   * Seal the file with a key derived from this passphrase (scrypt) instead of the random key
   * in the key file. Default: none (key file).
   */
  readonly passphrase?: string | undefined;
  /**
   * The scrypt cost for a new passphrase file (an existing file keeps the cost in its header).
   * Default: {@link DEFAULT_SCRYPT}.
   */
  readonly scrypt?: ScryptParams | undefined;
  /** How long a write waits for another process's write, in ms. Default: 30 000. */
  readonly lockTimeoutMs?: number | undefined;
  /** After how long a crashed writer's lock is taken over, in ms. Default: proclock's (10 s). */
  readonly lockStaleMs?: number | undefined;
  /** The cross-process lock. Default: `withLock` from `@latch/proclock`. */
  readonly withLock?: StoreLock | undefined;
  /** The source of keys, salts and nonces. Default: `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
}
