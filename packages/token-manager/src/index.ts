export {
  isTokenManagerError,
  NoExchangeEndpointError,
  NoRefreshEndpointError,
  NotLoggedInError,
  type NotLoggedInErrorOptions,
  type NotLoggedInReason,
  ReauthRequiredError,
  type SessionErrorOptions,
  type TokenManagerError,
  type TokenManagerErrorCode,
} from './errors.js';
export { TokenManager, type WithAutoRefreshOptions } from './token-manager.js';
export {
  DEFAULT_RELOAD_AFTER_MS,
  DEFAULT_SKEW_MS,
  type TokenCallOptions,
  type TokenManagerEndpoints,
  type TokenManagerOptions,
  type TokenRequest,
} from './token-manager-options.js';
export { isUnauthorizedError, isUnauthorizedResponse } from './unauthorized.js';
