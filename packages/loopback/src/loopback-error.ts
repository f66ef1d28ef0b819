import type { CoreError } from '@latch/core';
import type { BrowserUnavailableError } from './browser-unavailable-error.js';
import type { CallbackRejectedError } from './callback-rejected-error.js';
import type { LoginTimeoutError } from './login-timeout-error.js';
import type { NonceMismatchError } from './nonce-mismatch-error.js';
import type { PortUnavailableError } from './port-unavailable-error.js';

/**
 * Every error `@latch/loopback` throws or rejects with (besides `TypeError` for bad arguments):
 * its own classes and core's (`OAuthError` for an authorization error response such as
 * `access_denied` or a refused code, `AbortError` for the caller's signal, and the transport
 * errors of discovery and the token request). A closed union: `switch (err.code)` narrows.
 *
 * @example
 * ```ts
 * function explain(err: LoopbackError): string {
 *   switch (err.code) {
 *     case 'login_timeout':
 *       return 'Nobody finished the login in the browser; run it again.';
 *     case 'browser_unavailable':
 *       return 'No browser here; use `mycli login --device`.';
 *     case 'oauth_error':
 *       return err.error === 'access_denied' ? 'You declined the login.' : err.message;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type LoopbackError =
  | CallbackRejectedError
  | LoginTimeoutError
  | BrowserUnavailableError
  | NonceMismatchError
  | PortUnavailableError
  | CoreError;
