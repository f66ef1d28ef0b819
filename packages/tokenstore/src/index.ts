export { type DefaultStoreDirOptions, defaultStoreDir } from './default-store-dir.js';
export { EncryptedFileStore } from './encrypted-file-store.js';
export {
  DEFAULT_SCRYPT,
  type EncryptedFileStoreOptions,
  KEY_FILE_NAME,
  STORE_FILE_NAME,
  type StoreLock,
  type StoreLockOptions,
} from './encrypted-file-store-options.js';
export {
  CorruptStoreError,
  type CorruptStoreErrorOptions,
  type CorruptStoreReason,
  isTokenStoreError,
  KeyringUnavailableError,
  type KeyringUnavailableErrorOptions,
  StoreIoError,
  type StoreIoErrorOptions,
  TokenStoreConflictError,
  type TokenStoreConflictErrorOptions,
  type TokenStoreError,
  type TokenStoreErrorCode,
  ValueTooLargeError,
  type ValueTooLargeErrorOptions,
} from './errors.js';
export { type KeyringBackend, osKeyring } from './keyring-backend.js';
export type { Sleep } from './keyring-call.js';
export {
  DEFAULT_KEYRING_TIMEOUT_MS,
  DEFAULT_MAX_SECRET_BYTES,
  DEFAULT_MAX_VALUE_BYTES,
  KeyringStore,
  type KeyringStoreOptions,
  WINDOWS_MAX_SECRET_BYTES,
} from './keyring-store.js';
export { MemoryStore } from './memory-store.js';
export {
  type OpenedTokenStore,
  type OpenTokenStoreOptions,
  openTokenStore,
  type TokenStoreBackend,
} from './open-token-store.js';
export {
  DEFAULT_PROBE_TIMEOUT_MS,
  type KeyringProbe,
  type ProbeKeyringOptions,
  probeKeyring,
} from './probe-keyring.js';
export type { ScryptParams } from './sealed-file.js';
export { DEFAULT_PROFILE, type StoreKeyOptions, storeKey } from './store-key.js';
export type { RandomBytes } from './store-key-material.js';
export type {
  StoreCallOptions,
  TokenSetUpdater,
  TokenStore,
  UpdatableTokenStore,
} from './token-store.js';
