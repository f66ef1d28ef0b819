import { EncryptedFileStore } from './encrypted-file-store.js';
import type { EncryptedFileStoreOptions } from './encrypted-file-store-options.js';
import { KeyringStore, type KeyringStoreOptions } from './keyring-store.js';
import { MemoryStore } from './memory-store.js';
import { probeKeyring } from './probe-keyring.js';
import { assertServiceName } from './store-key.js';
import type { TokenStore } from './token-store.js';

/** Which store {@link openTokenStore} opened. */
export type TokenStoreBackend = 'keyring' | 'file' | 'memory';

/**
 * Options of {@link openTokenStore}.
 */
export interface OpenTokenStoreOptions {
  /** The service name, one per CLI (e.g. `mycli`): 1–128 of `A–Z a–z 0–9 . _ -`. */
  readonly service: string;
  /**
   * Which store to open:
   * - `'auto'` — the OS keychain when a probe shows it works, else the encrypted file with a
   *   warning;
   * - `'keyring'` — the OS keychain, or a {@link KeyringUnavailableError} when it does not work
   *   (never a silent fallback);
   * - `'file'` — the encrypted file;
   * - `'memory'` — a {@link MemoryStore} (nothing persists).
   *
   * Default: `'auto'`.
   */
  readonly prefer?: 'auto' | 'keyring' | 'file' | 'memory' | undefined;
  /** The time bound of the keychain probe, in ms. Default: 1 500. */
  readonly probeTimeoutMs?: number | undefined;
  /** Options of the {@link KeyringStore} (also used by the probe). Default: `{}`. */
  readonly keyring?: Omit<KeyringStoreOptions, 'service'> | undefined;
  /** Options of the {@link EncryptedFileStore}. Default: `{}`. */
  readonly file?: Omit<EncryptedFileStoreOptions, 'service'> | undefined;
  /** Stops the probe: the call rejects with core's `AbortError`. Default: none. */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link openTokenStore} opened. */
export interface OpenedTokenStore {
  /** The store to use. */
  readonly store: TokenStore;
  /** Which kind of store it is. */
  readonly backend: TokenStoreBackend;
  /** Whether what it holds outlives the process. */
  readonly persistent: boolean;
  /**
   * A sentence to show the user when the store is not the one they would expect: set when
   * `'auto'` fell back to the encrypted file because the keychain does not work.
   */
  readonly warning?: string;
}

function fileFallbackWarning(reason: string, store: EncryptedFileStore): string {
  const where =
    store.keyFile === undefined
      ? `encrypted with your passphrase in ${store.file}`
      : `encrypted in ${store.file}, whose key sits beside it in ${store.keyFile}`;
  return `No usable OS keychain (${reason}); tokens are stored ${where}.`;
}

/**
 * Opens the token store a CLI should use: the OS keychain when it works, the encrypted file
 * otherwise — probing the keychain with a write, read and delete of a random value under a time
 * bound, so a missing or hanging keychain costs at most `probeTimeoutMs`.
 *
 * @param options - Service, preference, probe bound, and the options of each store.
 * @returns The store, its kind, whether it persists, and a warning to show when it fell back.
 * @throws TypeError when an option is invalid.
 * @throws {@link KeyringUnavailableError} when `prefer` is `'keyring'` and the keychain does not
 *   work.
 * @throws `AbortError` (from `@latch/core`) when `signal` aborts.
 * @example
 * ```ts
 * const { store, warning } = await openTokenStore({ service: 'mycli' });
 * if (warning) console.warn(warning);
 * await store.save(storeKey({ issuer: 'https://login.example.com' }), tokens);
 * ```
 */
export async function openTokenStore(options: OpenTokenStoreOptions): Promise<OpenedTokenStore> {
  assertServiceName(options?.service);
  const { service, signal } = options;
  const prefer = options.prefer ?? 'auto';
  const openFile = () => new EncryptedFileStore({ ...options.file, service });
  switch (prefer) {
    case 'memory':
      return { store: new MemoryStore(), backend: 'memory', persistent: false };
    case 'file':
      return { store: openFile(), backend: 'file', persistent: true };
    case 'auto':
    case 'keyring': {
      // Build both stores first, so a bad option is a TypeError whatever the keychain does.
      const keyring = new KeyringStore({ ...options.keyring, service });
      const file = prefer === 'auto' ? openFile() : undefined;
      const probe = await probeKeyring({
        service,
        timeoutMs: options.probeTimeoutMs,
        keyring: options.keyring?.keyring,
        sleep: options.keyring?.sleep,
        randomBytes: options.keyring?.randomBytes,
        signal,
      });
      if (probe.usable) return { store: keyring, backend: 'keyring', persistent: true };
      if (file === undefined) throw probe.error;
      return {
        store: file,
        backend: 'file',
        persistent: true,
        warning: fileFallbackWarning(probe.error.reason, file),
      };
    }
    default:
      throw new TypeError("options.prefer must be 'auto', 'keyring', 'file' or 'memory'");
  }
}
