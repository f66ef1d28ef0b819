import type { DriverContext, DriverFactory } from '../driver.js';

/** One session started with a {@link scriptedProvider}: the test drives it by hand. */
export interface ScriptedRun {
  readonly context: DriverContext;
  /** What `submitCallbackUrl` handed to this driver. */
  readonly pasted: string[];
  /** Ends the driver's `done` (as a login that stopped). */
  finish(): void;
  /** Whether the driver saw its signal abort. */
  stopped(): boolean;
}

/** A provider whose driver does nothing on its own, and the runs it started. */
export function scriptedProvider(options: { acceptPaste?: boolean } = {}): {
  factory: DriverFactory;
  runs: ScriptedRun[];
  next(): Promise<ScriptedRun>;
} {
  const runs: ScriptedRun[] = [];
  const waiters: ((run: ScriptedRun) => void)[] = [];
  let taken = 0;
  const factory: DriverFactory = (context) => {
    let finish = (): void => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let stopped = false;
    const onAbort = (): void => {
      stopped = true;
      finish();
    };
    if (context.signal.aborted) onAbort();
    context.signal.addEventListener('abort', onAbort, { once: true });
    const pasted: string[] = [];
    const run: ScriptedRun = { context, pasted, finish: () => finish(), stopped: () => stopped };
    runs.push(run);
    const waiter = waiters.shift();
    if (waiter !== undefined) {
      taken++;
      waiter(run);
    }
    return {
      done,
      submitCallbackUrl: (url) => {
        pasted.push(url);
        return options.acceptPaste ?? true;
      },
    };
  };
  return {
    factory,
    runs,
    next: () => {
      const run = runs[taken];
      if (run !== undefined) {
        taken++;
        return Promise.resolve(run);
      }
      return new Promise<ScriptedRun>((resolve) => waiters.push(resolve));
    },
  };
}
