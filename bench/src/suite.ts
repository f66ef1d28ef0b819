/** One function a benchmark times. */
export interface BenchTask {
  /** What the task does, as printed. */
  readonly name: string;
  /** The work of one iteration. */
  readonly fn: () => unknown | Promise<unknown>;
}

/** A subject and, optionally, the ratio to its baseline it must stay under. */
export interface BenchSubject extends BenchTask {
  /** The highest acceptable mean-time ratio against the baseline (for example 1.5). */
  readonly maxRatio?: number;
}

/** A benchmark: subjects timed against a baseline in the same run, on the same machine. */
export interface BenchSuite {
  /** The suite's name, as printed. */
  readonly name: string;
  /** The bare-minimum way to do the same job, timed in the same run. */
  readonly baseline: BenchTask;
  /** What latch does. */
  readonly subjects: readonly BenchSubject[];
  /** Starts what the suite needs (a server, a store) before timing. */
  readonly setup?: () => Promise<void>;
  /** Stops what `setup` started. */
  readonly teardown?: () => Promise<void>;
}
