export {
  DEFAULT_INTERVAL_SECONDS,
  type DeviceAuthorization,
  type DeviceVerification,
} from './device-authorization.js';
export {
  DeviceFlowUnsupportedError,
  type DeviceFlowUnsupportedErrorOptions,
} from './device-flow-unsupported-error.js';
export {
  type DeviceGrantError,
  type DeviceGrantErrorCode,
  isDeviceGrantError,
} from './device-grant-error.js';
export type { DeviceGrantOptions } from './device-grant-options.js';
export { type DeviceLoginOptions, deviceLogin } from './device-login.js';
export { sanitizeForDisplay } from './display-text.js';
export {
  InsecureVerificationUriError,
  type InsecureVerificationUriErrorOptions,
} from './insecure-verification-uri-error.js';
export {
  type ParseDeviceAuthorizationResponseOptions,
  parseDeviceAuthorizationResponse,
} from './parse-device-authorization.js';
export {
  DEVICE_CODE_GRANT_TYPE,
  type PollDeviceTokenOptions,
  type PolledAuthorization,
  type PollWait,
  pollDeviceToken,
} from './poll-device-token.js';
export {
  AccessDeniedError,
  DeviceCodeExpiredError,
  type DeviceCodeExpiredErrorOptions,
  DeviceTokenError,
  type DeviceTokenErrorOptions,
} from './poll-errors.js';
export {
  initialPollState,
  MAX_BACKOFF_MS,
  MIN_INTERVAL_MS,
  nextPollDelay,
  type PollOutcome,
  type PollState,
  type PollStep,
  type PollWaitReason,
  SLOW_DOWN_INCREMENT_MS,
} from './poll-schedule.js';
export { type RequestDeviceCodeOptions, requestDeviceCode } from './request-device-code.js';
export { type CheckVerificationUriOptions, checkVerificationUri } from './verification-uri.js';
