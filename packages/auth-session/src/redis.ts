export {
  type RedisCommandClient,
  type RedisMessageListener,
  RedisSessionStore,
  type RedisSessionStoreOptions,
  type RedisSubscriberClient,
} from './redis-session-store.js';
