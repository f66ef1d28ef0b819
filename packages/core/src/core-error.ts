import type { DiscoveryError, IssuerMismatchError } from './discovery-errors.js';
import { LatchError } from './latch-error.js';
import type { OAuthError } from './oauth-error.js';
import type {
  HttpStatusError,
  InvalidResponseError,
  ResponseTooLargeError,
} from './response-errors.js';
import type { RevocationRefusedError } from './revocation-refused-error.js';
import type {
  AbortError,
  InsecureEndpointError,
  NetworkError,
  TimeoutError,
} from './transport-errors.js';

/**
 * Every error class `@latch/core` throws (besides `TypeError` for bad arguments). A closed
 * union: `switch (err.code)` narrows to the class.
 *
 * @example
 * ```ts
 * function explain(err: CoreError): string {
 *   switch (err.code) {
 *     case 'oauth_error':
 *       return `server said ${err.error}`;
 *     case 'timeout':
 *       return `no answer within ${err.timeoutMs} ms`;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type CoreError =
  | OAuthError
  | InvalidResponseError
  | HttpStatusError
  | ResponseTooLargeError
  | TimeoutError
  | NetworkError
  | InsecureEndpointError
  | AbortError
  | IssuerMismatchError
  | DiscoveryError
  | RevocationRefusedError;

/**
 * The closed set of `code` values of {@link CoreError}.
 */
export type CoreErrorCode = CoreError['code'];

const CORE_ERROR_CODES: ReadonlySet<string> = new Set<CoreErrorCode>([
  'oauth_error',
  'invalid_response',
  'http_status',
  'response_too_large',
  'timeout',
  'network_error',
  'insecure_endpoint',
  'aborted',
  'issuer_mismatch',
  'discovery_failed',
  'revocation_refused',
]);

/**
 * Tells whether `value` is one of core's errors, from any copy of `@latch/core`.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` for a branded latch error whose code is a {@link CoreErrorCode}.
 */
export function isCoreError(value: unknown): value is CoreError {
  return LatchError.isInstance(value) && CORE_ERROR_CODES.has(value.code);
}
