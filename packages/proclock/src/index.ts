export {
  type AcquireOptions,
  acquire,
  DEFAULT_STALE_MS,
  DEFAULT_TIMEOUT_MS,
  MIN_STALE_MS,
} from './acquire.js';
export { type DefaultLockDirOptions, defaultLockDir } from './default-lock-dir.js';
export {
  LockAbortedError,
  LockCompromisedError,
  type LockError,
  type LockErrorCode,
  LockFileError,
  type LockFileErrorOptions,
  LockTimeoutError,
  type LockTimeoutErrorOptions,
  ProclockError,
  type ProclockErrorOptions,
} from './errors.js';
export type { Lock } from './lock.js';
export { lockFileName, lockFilePath } from './lock-name.js';
export { type WithLockOptions, withLock } from './with-lock.js';
