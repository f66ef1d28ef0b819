export {
  DEFAULT_REDIS_KEY_PREFIX,
  type RedisEvalOptions,
  type RedisScriptClient,
  RedisStore,
  type RedisStoreOptions,
} from './redis-store.js';
export type { Store } from './store.js';
