export {
  type CallbackHandler,
  type CallbackHandlerOptions,
  createCallbackHandler,
  type RequestListener,
  sendCallbackNotFound,
} from './callback-handler.js';
export {
  type CallbackUrlBuilder,
  type CallbackUrlOptions,
  callbackUrlBuilder,
  DEFAULT_CALLBACK_PATH,
} from './callback-url.js';
export {
  OobError,
  type OobErrorCode,
  type OobErrorOptions,
  type OobFailure,
  OobIdConflictError,
  OobMisconfiguredError,
  type OobMisconfiguredErrorOptions,
  OobNamespaceMissingError,
  type OobPart,
  OobStoreFailedError,
  type OobStoreFailedErrorOptions,
  type StoreOperation,
} from './errors.js';
export {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_PER_NAMESPACE,
  DEFAULT_SWEEP_INTERVAL_MS,
  MemoryStore,
  type MemoryStoreOptions,
} from './memory-store.js';
export { NamespaceContext, type NamespaceProvider } from './namespace-context.js';
export {
  type CreatedPending,
  DEFAULT_PENDING_TTL_MS,
  OobManager,
  type OobManagerOptions,
} from './oob-manager.js';
export {
  isPendingId,
  MAX_NAMESPACE_LENGTH,
  type Pending,
  type PendingKind,
  type Spec,
} from './pending.js';
export { newPendingId, PENDING_ID_BYTES } from './pending-id.js';
export {
  CALLBACK_NOT_FOUND,
  type CallbackNotFound,
  type CallbackResolution,
  type ResolveCallbackOptions,
  resolveCallback,
} from './resolve-callback.js';
export type { Store } from './store.js';
