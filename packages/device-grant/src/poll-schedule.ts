/**
 * Why the poller waits before its next poll:
 * - `'initial'` — one interval before the first poll (RFC 8628 §3.5 "the minimum amount of time
 *   … the client SHOULD wait between polling requests");
 * - `'pending'` — `authorization_pending`: the same interval again;
 * - `'slow_down'` — `slow_down`: the interval grew by 5 s, for the rest of the flow;
 * - `'retry_after'` — the server's `Retry-After` asked for more than the interval;
 * - `'backoff'` — the last poll timed out, failed to connect, or met a 429/503 without
 *   `Retry-After`: the wait doubles with each such failure in a row;
 * - `'deadline'` — no poll fits before the codes expire: this wait ends at `expiresAt`, and no
 *   poll follows.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 */
export type PollWaitReason =
  | 'initial'
  | 'pending'
  | 'slow_down'
  | 'retry_after'
  | 'backoff'
  | 'deadline';

/**
 * What the last poll came back with, as far as timing goes (terminal answers never reach the
 * schedule):
 * - `'start'` — nothing polled yet;
 * - `'pending'` — `authorization_pending`;
 * - `'slow_down'` — `slow_down`;
 * - `'unavailable'` — HTTP 429 or 503 without an OAuth error body;
 * - `'unreachable'` — the request timed out or could not connect.
 *
 * `retryAfterMs` carries the response's `Retry-After`, when it had one.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 */
export interface PollOutcome {
  /** What happened. */
  readonly kind: 'start' | 'pending' | 'slow_down' | 'unavailable' | 'unreachable';
  /** The `Retry-After` of the response, in milliseconds, when it had one. Default: none. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * The poller's timing state between two polls. Plain data; {@link nextPollDelay} returns the
 * next one.
 */
export interface PollState {
  /** The polling interval in milliseconds: the server's `interval` plus 5 s per `slow_down`. */
  readonly intervalMs: number;
  /** The last backoff wait in milliseconds while requests keep failing; 0 after any answer. */
  readonly backoffMs: number;
  /** The number of the last poll scheduled: 0 at first, 1 once the first poll is due, … */
  readonly attempt: number;
  /** When the codes expire, in epoch milliseconds; no poll is sent at or after it. */
  readonly expiresAt: number;
}

/**
 * The wait {@link nextPollDelay} decided on.
 */
export interface PollStep {
  /** The state after this step; pass it to the next call. */
  readonly state: PollState;
  /** How long to wait, in milliseconds. */
  readonly waitMs: number;
  /** Why. */
  readonly reason: PollWaitReason;
  /** `true` when no poll follows this wait: the codes expire first (`reason` `'deadline'`). */
  readonly expires: boolean;
}

/** `slow_down` adds this to the interval, for the rest of the flow (RFC 8628 §3.5). */
export const SLOW_DOWN_INCREMENT_MS = 5_000;

/** The shortest interval latch polls at, whatever the server says: one second. */
export const MIN_INTERVAL_MS = 1_000;

/**
 * The longest backoff wait after failed requests: 60 s, or the interval when that is longer.
 */
export const MAX_BACKOFF_MS = 60_000;

/**
 * The state before the first poll.
 *
 * @param authorization - `interval` in seconds and `expiresAt` in epoch milliseconds, as in
 *   `DeviceAuthorization`.
 * @returns A state with no poll sent, the interval at least {@link MIN_INTERVAL_MS}.
 * @throws TypeError when `interval` is not a number ≥ 0 or `expiresAt` not a finite number.
 */
export function initialPollState(authorization: {
  readonly interval: number;
  readonly expiresAt: number;
}): PollState {
  const { interval, expiresAt } = authorization ?? {};
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 0) {
    throw new TypeError('interval must be a number of seconds >= 0');
  }
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
    throw new TypeError('expiresAt must be epoch milliseconds');
  }
  return {
    intervalMs: Math.max(MIN_INTERVAL_MS, Math.ceil(interval * 1000)),
    backoffMs: 0,
    attempt: 0,
    expiresAt,
  };
}

/**
 * Decides how long to wait before the next poll, and whether one may be sent at all. Pure: the
 * poll loop only performs what it says.
 *
 * - `start`, `pending`: one interval.
 * - `slow_down`: the interval grows by {@link SLOW_DOWN_INCREMENT_MS} for good, then one interval.
 * - A `Retry-After` longer than the wait above: that long instead (`'retry_after'`).
 * - `unreachable` (timeout, connection failure) or `unavailable` without `Retry-After`: twice
 *   the previous wait (twice the interval after the first failure), up to
 *   {@link MAX_BACKOFF_MS} or the interval if longer; the next answer resets it.
 * - When `now + wait` is at or past `expiresAt`, no poll fits: the step waits until
 *   `expiresAt` (`'deadline'`, `expires: true`) so the caller can then report the expiry.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.5 | RFC 8628 §3.5}
 * @param state - The current state ({@link initialPollState} at first).
 * @param outcome - What the last poll came back with.
 * @param now - The current time, epoch milliseconds.
 * @returns The wait, its reason, and the next state (whose `attempt` numbers the poll that
 *   follows the wait; unchanged when none does).
 * @example
 * ```ts
 * let state = initialPollState({ interval: 5, expiresAt: Date.now() + 600_000 });
 * let step = nextPollDelay(state, { kind: 'start' }, Date.now()); // 5000 ms, 'initial'
 * step = nextPollDelay(step.state, { kind: 'slow_down' }, Date.now()); // 10000 ms from now on
 * ```
 */
export function nextPollDelay(state: PollState, outcome: PollOutcome, now: number): PollStep {
  let { intervalMs, backoffMs } = state;
  let waitMs: number;
  let reason: PollWaitReason;
  const failed =
    outcome.kind === 'unreachable' ||
    (outcome.kind === 'unavailable' && outcome.retryAfterMs === undefined);
  if (failed) {
    backoffMs = Math.min(
      2 * (backoffMs > 0 ? backoffMs : intervalMs),
      Math.max(MAX_BACKOFF_MS, intervalMs),
    );
    waitMs = backoffMs;
    reason = 'backoff';
  } else {
    backoffMs = 0;
    if (outcome.kind === 'slow_down') intervalMs += SLOW_DOWN_INCREMENT_MS;
    waitMs = intervalMs;
    reason =
      outcome.kind === 'start' ? 'initial' : outcome.kind === 'slow_down' ? 'slow_down' : 'pending';
    const retryAfterMs = outcome.retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > waitMs) {
      waitMs = retryAfterMs;
      reason = 'retry_after';
    }
  }
  if (now + waitMs >= state.expiresAt) {
    return {
      state: { ...state, intervalMs, backoffMs },
      waitMs: Math.max(0, state.expiresAt - now),
      reason: 'deadline',
      expires: true,
    };
  }
  return {
    state: { intervalMs, backoffMs, attempt: state.attempt + 1, expiresAt: state.expiresAt },
    waitMs,
    reason,
    expires: false,
  };
}
