export {
  CorruptStoreError,
  type CorruptStoreReason,
  TokenStoreConflictError,
  type TokenStoreConflictErrorOptions,
} from './errors.js';
export { RedisTokenStore } from './redis-token-store.js';
export {
  DEFAULT_REDIS_MAX_ATTEMPTS,
  DEFAULT_REDIS_TOKEN_PREFIX,
  type RedisTokenClient,
  type RedisTokenStoreOptions,
} from './redis-token-store-options.js';
export type {
  StoreCallOptions,
  TokenSetUpdater,
  TokenStore,
  UpdatableTokenStore,
} from './token-store.js';
