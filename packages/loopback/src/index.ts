export type { BrowserCommand } from './browser-command.js';
export {
  type BrowserCheck,
  type BrowserLikelyWorksOptions,
  browserLikelyWorks,
} from './browser-likely-works.js';
export {
  type AuthorizationUrlEvent,
  type BrowserLoginOptions,
  browserLogin,
  type OpenUrl,
} from './browser-login.js';
export {
  BrowserUnavailableError,
  type BrowserUnavailableErrorOptions,
  type BrowserUnavailableReason,
} from './browser-unavailable-error.js';
export { type AuthorizationRequest, buildAuthorizationUrl } from './build-authorization-url.js';
export type { Callback, ExpectedCallback } from './callback.js';
export {
  CallbackRejectedError,
  type CallbackRejectedErrorOptions,
  type CallbackRejection,
} from './callback-rejected-error.js';
export { type ExchangeCodeOptions, exchangeCode } from './exchange-code.js';
export type { LaunchBrowser } from './launch-browser.js';
export type { LoginEndpoints } from './login-endpoints.js';
export { LoginTimeoutError, type LoginTimeoutErrorOptions } from './login-timeout-error.js';
export type { LoopbackError } from './loopback-error.js';
export { DEFAULT_LOGIN_TIMEOUT_MS, MAX_HEADERS_TIMEOUT_MS } from './loopback-settings.js';
export { NonceMismatchError, type NonceMismatchErrorOptions } from './nonce-mismatch-error.js';
export { type OpenBrowserOptions, type OpenBrowserResult, openBrowser } from './open-browser.js';
export { type ParseCallbackUrlOptions, parseCallbackUrl } from './parse-callback-url.js';
export {
  PortUnavailableError,
  type PortUnavailableErrorOptions,
} from './port-unavailable-error.js';
export {
  type LoopbackServer,
  type LoopbackServerOptions,
  startLoopbackServer,
} from './start-loopback-server.js';
export type { Env } from './system-defaults.js';
export { type CallbackValidation, validateCallback } from './validate-callback.js';
export type { ReadPastedUrl, ReadPastedUrlContext } from './wait-for-callback.js';
