/** A clock the test moves by hand. */
export interface ManualClock {
  /** The current time, in epoch milliseconds. */
  readonly now: () => number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** A {@link ManualClock} starting at `start` (default: a fixed instant in 2030). */
export function manualClock(start = Date.UTC(2030, 0, 1)): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}
