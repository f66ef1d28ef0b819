import { HttpStatusError, NetworkError, OAuthError, TimeoutError } from '@latch/core';
import { AccessDeniedError, DeviceCodeExpiredError, DeviceTokenError } from './poll-errors.js';
import type { PollOutcome } from './poll-schedule.js';

/**
 * The codes a poll error must never quote, and when they expire.
 * @internal
 */
export interface PollSecrets {
  readonly deviceCode: string;
  readonly userCode?: string | undefined;
  readonly expiresAt: number;
}

/**
 * Sorts a failed poll into "keep polling" (an outcome for the schedule) or "stop" (thrown).
 * Pure.
 *
 * - `authorization_pending`, `slow_down` → keep polling; `temporarily_unavailable` and HTTP
 *   429/503 → keep polling after `Retry-After` or a backoff; `TimeoutError` and `NetworkError` →
 *   keep polling after a backoff (RFC 8628 §3.5).
 * - `expired_token` → {@link DeviceCodeExpiredError}; `access_denied` → {@link AccessDeniedError};
 *   any other OAuth error → {@link DeviceTokenError}; each with the `OAuthError` as `cause`,
 *   its server text scrubbed of the device and user codes.
 * - Anything else (`AbortError`, `InvalidResponseError`, other statuses, …) is rethrown as is.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 * @param error - What the token request threw.
 * @param secrets - The codes to keep out of errors, and the expiry.
 * @returns The outcome to schedule the next poll with.
 * @throws The terminal error, as above.
 * @internal
 */
export function pollOutcomeOf(error: unknown, secrets: PollSecrets): PollOutcome {
  if (OAuthError.isInstance(error)) {
    const retryAfterMs = error.retryAfter === undefined ? undefined : error.retryAfter * 1000;
    switch (error.error) {
      case 'authorization_pending':
        return { kind: 'pending', retryAfterMs };
      case 'slow_down':
        return { kind: 'slow_down', retryAfterMs };
      case 'temporarily_unavailable':
        return { kind: 'unavailable', retryAfterMs };
      case 'expired_token':
        throw new DeviceCodeExpiredError({
          expiresAt: secrets.expiresAt,
          cause: scrub(error, secrets),
        });
      case 'access_denied':
        throw new AccessDeniedError({ cause: scrub(error, secrets) });
      default:
        throw new DeviceTokenError({
          error: error.error,
          status: error.status,
          cause: scrub(error, secrets),
        });
    }
  }
  if (HttpStatusError.isInstance(error) && (error.status === 429 || error.status === 503)) {
    const retryAfterMs = error.retryAfter === undefined ? undefined : error.retryAfter * 1000;
    return { kind: 'unavailable', retryAfterMs };
  }
  if (TimeoutError.isInstance(error) || NetworkError.isInstance(error)) {
    return { kind: 'unreachable' };
  }
  throw error;
}

const REDACTED = '[redacted]';

// A server may quote the device or user code in its error_description; the error that carries
// it as `cause` is printed by util.inspect, so rebuild it without them.
function scrub(error: OAuthError, secrets: PollSecrets): OAuthError {
  const codes = [secrets.deviceCode, secrets.userCode].filter(
    (code): code is string => typeof code === 'string' && code.length > 0,
  );
  const clean = (text: string | undefined): string | undefined =>
    text === undefined
      ? undefined
      : codes.reduce((out, code) => out.split(code).join(REDACTED), text);
  const description = clean(error.errorDescription);
  const uri = clean(error.errorUri);
  if (description === error.errorDescription && uri === error.errorUri) return error;
  return new OAuthError({
    error: error.error,
    errorDescription: description,
    errorUri: uri,
    status: error.status,
    retryAfter: error.retryAfter,
  });
}
