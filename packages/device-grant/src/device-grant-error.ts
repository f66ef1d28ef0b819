import { LatchError } from '@latch/core';
import type { DeviceFlowUnsupportedError } from './device-flow-unsupported-error.js';
import type { InsecureVerificationUriError } from './insecure-verification-uri-error.js';
import type { AccessDeniedError, DeviceCodeExpiredError, DeviceTokenError } from './poll-errors.js';

/**
 * Every error class `@latch/device-grant` adds to core's (besides `TypeError` for bad
 * arguments). A closed union: `switch (err.code)` narrows to the class. Transport and protocol
 * failures come from `@latch/core` unchanged (`CoreError`).
 *
 * @example
 * ```ts
 * function explain(err: DeviceGrantError): string {
 *   switch (err.code) {
 *     case 'expired_token':
 *       return 'Too slow: run the login again.';
 *     case 'access_denied':
 *       return 'Declined.';
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type DeviceGrantError =
  | DeviceCodeExpiredError
  | AccessDeniedError
  | DeviceTokenError
  | InsecureVerificationUriError
  | DeviceFlowUnsupportedError;

/**
 * The closed set of `code` values of {@link DeviceGrantError}.
 */
export type DeviceGrantErrorCode = DeviceGrantError['code'];

const DEVICE_GRANT_ERROR_CODES: ReadonlySet<string> = new Set<DeviceGrantErrorCode>([
  'expired_token',
  'access_denied',
  'device_token_failed',
  'insecure_verification_uri',
  'device_flow_unsupported',
]);

/**
 * Tells whether `value` is one of this package's errors, from any copy of
 * `@latch/device-grant`.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` for a branded latch error whose code is a {@link DeviceGrantErrorCode}.
 */
export function isDeviceGrantError(value: unknown): value is DeviceGrantError {
  return LatchError.isInstance(value) && DEVICE_GRANT_ERROR_CODES.has(value.code);
}
