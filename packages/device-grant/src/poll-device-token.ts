import {
  abortable,
  requestToken,
  resolveRuntime,
  type TokenSet,
  throwIfAborted,
} from '@latch/core';
import type { DeviceAuthorization } from './device-authorization.js';
import { checkClientId, type DeviceGrantOptions, httpOptionsOf } from './device-grant-options.js';
import { DeviceCodeExpiredError } from './poll-errors.js';
import { pollOutcomeOf } from './poll-outcome.js';
import {
  initialPollState,
  nextPollDelay,
  type PollOutcome,
  type PollWaitReason,
} from './poll-schedule.js';
import { resolveEndpoint } from './resolve-endpoint.js';

/**
 * The `grant_type` of the device access token request.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.4 | RFC 8628 §3.4}
 */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * One wait of the poller, reported to `onWait` just before it starts: enough for a spinner
 * or a countdown.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 */
export interface PollWait {
  /**
   * The number of the poll this wait precedes (1 for the first). With reason `'deadline'` no
   * poll follows.
   */
  readonly attempt: number;
  /** How long the wait lasts, in milliseconds. */
  readonly waitMs: number;
  /** When it ends (and the poll goes out), in epoch milliseconds. */
  readonly pollAt: number;
  /** The polling interval now in force, in milliseconds (5 s more per `slow_down`). */
  readonly intervalMs: number;
  /** When the codes expire, in epoch milliseconds. */
  readonly expiresAt: number;
  /** Why the poller waits this long. */
  readonly reason: PollWaitReason;
}

/**
 * Options of {@link pollDeviceToken}. Give exactly one of `tokenEndpoint` and `issuer`.
 */
export interface PollDeviceTokenOptions extends DeviceGrantOptions {
  /** The token endpoint. Default: read from the `issuer`'s metadata. */
  readonly tokenEndpoint?: string | URL | undefined;
  /** The issuer to discover; its `token_endpoint` is used. Default: none. */
  readonly issuer?: string | URL | undefined;
  /**
   * Called before each wait with its length and reason, for spinners and countdowns. Called
   * synchronously; what it throws ends polling. Default: none.
   */
  readonly onWait?: ((wait: PollWait) => void) | undefined;
}

/**
 * The parts of a {@link DeviceAuthorization} polling needs.
 */
export type PolledAuthorization = Pick<
  DeviceAuthorization,
  'deviceCode' | 'expiresAt' | 'interval'
> &
  Partial<Pick<DeviceAuthorization, 'userCode'>>;

/**
 * Polls the token endpoint until the user approves the device login (RFC 8628 §3.4–3.5), then
 * returns the tokens.
 *
 * Timing ({@link nextPollDelay} decides it): one interval BEFORE the first poll;
 * `authorization_pending` → the same interval; `slow_down` → 5 s more, for the rest of the flow;
 * a `Retry-After` is always waited out; a timeout, connection failure or 429/503 → a doubling
 * backoff, then polling resumes. No poll is sent at or after `expiresAt`: polling then ends
 * with {@link DeviceCodeExpiredError}. `signal` cancels the wait at once (the injected `sleep`
 * gets it too) and the request in flight.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.4 | RFC 8628 §3.4–3.5}
 * @param authorization - From {@link requestDeviceCode}: the device code, `interval`, `expiresAt`
 *   (and the user code, to keep it out of errors).
 * @param options - Where to poll, the client id, `onWait`, `signal`, `now`, `sleep`, HTTP options.
 * @returns The tokens; `expiresAt` counts from before the successful request.
 * @throws TypeError for a missing `clientId` or device code, neither or both of `tokenEndpoint`
 *   and `issuer`, or a malformed option.
 * @throws {@link DeviceCodeExpiredError} when the codes expire (server `expired_token` or the
 *   deadline), {@link AccessDeniedError} when the user declines, {@link DeviceTokenError} for any
 *   other OAuth error, core's `AbortError` when `signal` aborts, and core's
 *   `InvalidResponseError`, `HttpStatusError`, `InsecureEndpointError`… for failures polling
 *   cannot outlast.
 * @example
 * ```ts
 * const tokens = await pollDeviceToken(authorization, {
 *   tokenEndpoint: 'https://login.example.com/oauth/token',
 *   clientId: 'my-cli',
 *   onWait: ({ waitMs }) => console.error(`Waiting for approval; next check in ${waitMs / 1000} s`),
 * });
 * ```
 */
export async function pollDeviceToken(
  authorization: PolledAuthorization,
  options: PollDeviceTokenOptions,
): Promise<TokenSet> {
  const clientId = checkClientId(options, 'pollDeviceToken');
  const deviceCode = authorization?.deviceCode;
  if (typeof deviceCode !== 'string' || deviceCode.length === 0) {
    throw new TypeError('pollDeviceToken: authorization.deviceCode must be a non-empty string');
  }
  let state = initialPollState(authorization);
  const onWait = options.onWait;
  if (onWait !== undefined && typeof onWait !== 'function') {
    throw new TypeError('pollDeviceToken: options.onWait must be a function when given');
  }
  const { now, sleep } = resolveRuntime(options);
  const http = httpOptionsOf(options);
  const signal = options.signal;
  throwIfAborted(signal, 'polling');
  const tokenEndpoint = await resolveEndpoint(
    { endpoint: options.tokenEndpoint, issuer: options.issuer },
    'tokenEndpoint',
    ['tokenEndpoint', 'pollDeviceToken'],
    http,
  );
  const secrets = { deviceCode, userCode: authorization.userCode, expiresAt: state.expiresAt };
  const expired = (): DeviceCodeExpiredError =>
    new DeviceCodeExpiredError({ expiresAt: state.expiresAt });

  let outcome: PollOutcome = { kind: 'start' };
  for (;;) {
    const at = now();
    const step = nextPollDelay(state, outcome, at);
    state = step.state;
    onWait?.({
      attempt: step.expires ? state.attempt + 1 : state.attempt,
      waitMs: step.waitMs,
      pollAt: at + step.waitMs,
      intervalMs: state.intervalMs,
      expiresAt: state.expiresAt,
      reason: step.reason,
    });
    await abortable(sleep(step.waitMs, signal), signal, 'the wait between polls');
    // The wait may have overslept (a suspended laptop): never poll after the deadline.
    if (step.expires || now() >= state.expiresAt) throw expired();
    try {
      return await requestToken(
        tokenEndpoint,
        { grant_type: DEVICE_CODE_GRANT_TYPE, device_code: deviceCode },
        { ...http, client: { clientId } },
      );
    } catch (error) {
      outcome = pollOutcomeOf(error, secrets);
    }
  }
}
