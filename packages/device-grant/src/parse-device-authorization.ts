import {
  type AssertSecureEndpointOptions,
  describeFieldProblem,
  invalidResponse,
  parseResponseObject,
} from '@latch/core';
import { DEFAULT_INTERVAL_SECONDS, type DeviceAuthorization } from './device-authorization.js';
import { sanitizeForDisplay } from './display-text.js';
import { checkVerificationUri } from './verification-uri.js';

/**
 * Options of {@link parseDeviceAuthorizationResponse}.
 */
export interface ParseDeviceAuthorizationResponseOptions extends AssertSecureEndpointOptions {
  /**
   * When the request was sent, in epoch milliseconds, read from the clock BEFORE sending it:
   * `expiresAt` counts from here, so time on the wire shortens the codes' life.
   */
  readonly requestedAt: number;
  /** The HTTP status of the response, recorded on any error thrown. Default: 200. */
  readonly status?: number | undefined;
}

const DIGITS = /^[0-9]+$/;
const RESPONSE = 'device authorization response';

/**
 * Turns a device authorization endpoint's JSON body into a {@link DeviceAuthorization}. Pure.
 *
 * Checks, per RFC 8628 §3.2: the body is a JSON object without an `error`; `device_code` is a
 * non-empty string (kept as is); `user_code` a string that is not empty once control and
 * format characters are removed (see {@link sanitizeForDisplay}); `verification_uri` (or
 * Google's non-standard `verification_url` when it is absent) and `verification_uri_complete`
 * pass {@link checkVerificationUri}; `expires_in` is a number > 0 and `interval` a number ≥ 0,
 * each also accepted as a string of decimal digits as some deployed servers send them. JSON
 * `null` counts as absent for the optional fields. Unknown fields are ignored.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.2 | RFC 8628 §3.2}
 * @param body - The parsed JSON body of a 2xx response.
 * @param options - When the request was sent, the status, `allowInsecureHttp`.
 * @returns The checked authorization; `interval` defaults to 5 seconds.
 * @throws `OAuthError` when the body has a string `error`.
 * @throws `InvalidResponseError` for a missing field or one of the wrong type; the
 *   message names the field and its JSON type, never its value.
 * @throws {@link InsecureVerificationUriError} for a verification URI that is not https (and
 *   not loopback).
 * @throws TypeError when `options.requestedAt` is not a finite number.
 * @example
 * ```ts
 * const requestedAt = Date.now();
 * const { body, status } = await postForm(endpoint, { client_id: 'my-cli' });
 * const authorization = parseDeviceAuthorizationResponse(body, { requestedAt, status });
 * ```
 */
export function parseDeviceAuthorizationResponse(
  body: unknown,
  options: ParseDeviceAuthorizationResponseOptions,
): DeviceAuthorization {
  const requestedAt = options?.requestedAt;
  if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt)) {
    throw new TypeError(
      'parseDeviceAuthorizationResponse: options.requestedAt must be epoch milliseconds',
    );
  }
  const status = options.status ?? 200;
  const fields = parseResponseObject(body, { response: RESPONSE, status });

  const deviceCode = fields.device_code;
  if (typeof deviceCode !== 'string' || deviceCode.length === 0) {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem('device_code', deviceCode, 'a non-empty string'),
      status,
      'device_code',
    );
  }
  const userCode = typeof fields.user_code === 'string' ? sanitizeForDisplay(fields.user_code) : '';
  if (userCode.length === 0) {
    const problem =
      typeof fields.user_code === 'string'
        ? 'field user_code has no printable characters, expected a code to show'
        : describeFieldProblem('user_code', fields.user_code, 'a non-empty string');
    throw invalidResponse(RESPONSE, problem, status, 'user_code');
  }
  const rawUri = isAbsent(fields.verification_uri)
    ? fields.verification_url
    : fields.verification_uri;
  if (isAbsent(rawUri)) {
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem('verification_uri', rawUri, 'an https: URL'),
      status,
      'verification_uri',
    );
  }
  const check = { status, allowInsecureHttp: options.allowInsecureHttp };
  const verificationUri = checkVerificationUri(rawUri, { ...check, field: 'verification_uri' });
  const verificationUriComplete = isAbsent(fields.verification_uri_complete)
    ? undefined
    : checkVerificationUri(fields.verification_uri_complete, {
        ...check,
        field: 'verification_uri_complete',
      });
  const expiresIn = seconds(fields.expires_in, 'expires_in', status);
  if (expiresIn === undefined || expiresIn <= 0) {
    throw invalidResponse(
      RESPONSE,
      isAbsent(fields.expires_in)
        ? describeFieldProblem('expires_in', fields.expires_in, 'a number of seconds > 0')
        : 'field expires_in is out of range, expected a number of seconds > 0',
      status,
      'expires_in',
    );
  }
  const expiresAt = Math.floor(requestedAt + expiresIn * 1000);
  if (!Number.isSafeInteger(expiresAt)) {
    throw invalidResponse(
      RESPONSE,
      'field expires_in is out of range, expected a number of seconds > 0',
      status,
      'expires_in',
    );
  }
  const interval = seconds(fields.interval, 'interval', status) ?? DEFAULT_INTERVAL_SECONDS;

  return {
    deviceCode,
    userCode,
    verificationUri,
    ...(verificationUriComplete === undefined ? {} : { verificationUriComplete }),
    expiresIn,
    expiresAt,
    interval,
  };
}

function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function seconds(value: unknown, field: string, status: number): number | undefined {
  if (isAbsent(value)) return undefined;
  let parsed: number;
  if (typeof value === 'number') parsed = value;
  else if (typeof value === 'string' && DIGITS.test(value)) parsed = Number(value);
  else
    throw invalidResponse(
      RESPONSE,
      describeFieldProblem(field, value, 'a number of seconds'),
      status,
      field,
    );
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw invalidResponse(
      RESPONSE,
      `field ${field} is out of range, expected a number of seconds >= 0`,
      status,
      field,
    );
  }
  return parsed;
}
