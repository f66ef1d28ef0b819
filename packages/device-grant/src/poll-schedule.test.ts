import { describe, expect, it } from 'vitest';
import {
  initialPollState,
  MAX_BACKOFF_MS,
  nextPollDelay,
  type PollOutcome,
  type PollState,
} from './poll-schedule.js';

const T0 = 1_000_000;
const LONG = T0 + 3_600_000;

/** Runs the schedule over `outcomes`, the clock advancing by each wait; returns the waits. */
function run(state: PollState, outcomes: readonly PollOutcome[]) {
  let now = T0;
  const steps = [];
  for (const outcome of outcomes) {
    const step = nextPollDelay(state, outcome, now);
    steps.push(step);
    state = step.state;
    now += step.waitMs;
  }
  return steps;
}

describe('initialPollState', () => {
  it('turns the interval into milliseconds, at least one second', () => {
    expect(initialPollState({ interval: 5, expiresAt: LONG })).toEqual({
      intervalMs: 5000,
      backoffMs: 0,
      attempt: 0,
      expiresAt: LONG,
    });
    expect(initialPollState({ interval: 0, expiresAt: LONG }).intervalMs).toBe(1000);
    expect(initialPollState({ interval: 2.5, expiresAt: LONG }).intervalMs).toBe(2500);
  });

  it.each([
    [{ interval: -1, expiresAt: LONG }],
    [{ interval: Number.NaN, expiresAt: LONG }],
    [{ interval: '5', expiresAt: LONG }],
    [{ interval: 5, expiresAt: Number.POSITIVE_INFINITY }],
    [{ interval: 5 }],
  ])('refuses %j with TypeError', (input) => {
    expect(() => initialPollState(input as never)).toThrow(TypeError);
  });
});

describe('nextPollDelay', () => {
  const start = initialPollState({ interval: 5, expiresAt: LONG });

  it('waits one interval before the first poll, and after each authorization_pending', () => {
    const steps = run(start, [{ kind: 'start' }, { kind: 'pending' }, { kind: 'pending' }]);
    expect(steps.map((s) => [s.waitMs, s.reason, s.state.attempt])).toEqual([
      [5000, 'initial', 1],
      [5000, 'pending', 2],
      [5000, 'pending', 3],
    ]);
    expect(steps.every((s) => !s.expires)).toBe(true);
  });

  it('adds 5 s on slow_down and keeps the longer interval for the rest of the flow', () => {
    const steps = run(start, [
      { kind: 'start' },
      { kind: 'slow_down' },
      { kind: 'pending' },
      { kind: 'pending' },
      { kind: 'slow_down' },
      { kind: 'pending' },
    ]);
    expect(steps.map((s) => s.waitMs)).toEqual([5000, 10000, 10000, 10000, 15000, 15000]);
    expect(steps.map((s) => s.reason)).toEqual([
      'initial',
      'slow_down',
      'pending',
      'pending',
      'slow_down',
      'pending',
    ]);
  });

  it('waits out a Retry-After longer than the interval, without changing the interval', () => {
    const steps = run(start, [
      { kind: 'start' },
      { kind: 'pending', retryAfterMs: 12_000 },
      { kind: 'pending' },
      { kind: 'pending', retryAfterMs: 2_000 },
      { kind: 'unavailable', retryAfterMs: 30_000 },
      { kind: 'slow_down', retryAfterMs: 7_000 },
    ]);
    expect(steps.map((s) => [s.waitMs, s.reason])).toEqual([
      [5000, 'initial'],
      [12000, 'retry_after'],
      [5000, 'pending'],
      [5000, 'pending'],
      [30000, 'retry_after'],
      [10000, 'slow_down'],
    ]);
  });

  it('doubles the wait after each failed request in a row, then resets on an answer', () => {
    const steps = run(start, [
      { kind: 'start' },
      { kind: 'unreachable' },
      { kind: 'unreachable' },
      { kind: 'unavailable' },
      { kind: 'pending' },
      { kind: 'unreachable' },
    ]);
    expect(steps.map((s) => [s.waitMs, s.reason])).toEqual([
      [5000, 'initial'],
      [10000, 'backoff'],
      [20000, 'backoff'],
      [40000, 'backoff'],
      [5000, 'pending'],
      [10000, 'backoff'],
    ]);
  });

  it('caps the backoff at 60 s, or at the interval when that is longer', () => {
    const failures: PollOutcome[] = Array.from({ length: 6 }, () => ({ kind: 'unreachable' }));
    const steps = run(start, [{ kind: 'start' }, ...failures]);
    expect(steps.map((s) => s.waitMs)).toEqual([5000, 10000, 20000, 40000, 60000, 60000, 60000]);
    expect(MAX_BACKOFF_MS).toBe(60_000);
    const slow = initialPollState({ interval: 90, expiresAt: LONG });
    expect(
      run(slow, [{ kind: 'unreachable' }, { kind: 'unreachable' }]).map((s) => s.waitMs),
    ).toEqual([90_000, 90_000]);
  });

  it('ends at the deadline: no poll at or after expiresAt, the last wait ends exactly there', () => {
    const state = initialPollState({ interval: 5, expiresAt: T0 + 12_000 });
    const steps = run(state, [{ kind: 'start' }, { kind: 'pending' }, { kind: 'pending' }]);
    expect(steps.map((s) => [s.waitMs, s.reason, s.expires])).toEqual([
      [5000, 'initial', false],
      [5000, 'pending', false],
      [2000, 'deadline', true],
    ]);
    expect(steps[2]?.state.attempt).toBe(2);
  });

  it('does not poll exactly at expiresAt', () => {
    const state = initialPollState({ interval: 5, expiresAt: T0 + 10_000 });
    const steps = run(state, [{ kind: 'start' }, { kind: 'pending' }]);
    expect(steps[1]).toMatchObject({ waitMs: 5000, reason: 'deadline', expires: true });
  });

  it('expires at once when the deadline has already passed', () => {
    const state = initialPollState({ interval: 5, expiresAt: T0 - 1 });
    expect(nextPollDelay(state, { kind: 'start' }, T0)).toMatchObject({
      waitMs: 0,
      reason: 'deadline',
      expires: true,
    });
  });

  it('lets neither a Retry-After nor a backoff carry a poll past the deadline', () => {
    const state = initialPollState({ interval: 5, expiresAt: T0 + 20_000 });
    const [, late] = run(state, [{ kind: 'start' }, { kind: 'pending', retryAfterMs: 60_000 }]);
    expect(late).toMatchObject({ waitMs: 15_000, reason: 'deadline', expires: true });
    const [, , backoff] = run(state, [
      { kind: 'start' },
      { kind: 'unreachable' },
      { kind: 'unreachable' },
    ]);
    expect(backoff).toMatchObject({ waitMs: 5_000, reason: 'deadline', expires: true });
  });

  it('is pure: the input state is not changed', () => {
    const state = Object.freeze(initialPollState({ interval: 5, expiresAt: LONG }));
    nextPollDelay(state, { kind: 'slow_down' }, T0);
    expect(state.intervalMs).toBe(5000);
  });
});
