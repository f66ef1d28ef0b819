import { AuthSessionManager } from '../auth-session-manager.js';
import type { AuthSessionManagerOptions, StartOptions } from '../manager-options.js';
import { MemorySessionStore } from '../memory-session-store.js';
import { type ManualClock, manualClock } from './manual-clock.js';
import { type ScriptedRun, scriptedProvider } from './scripted-driver.js';

/** A manager on a manual clock and a memory store, with one scripted provider `scripted`. */
export interface Harness {
  readonly manager: AuthSessionManager;
  readonly clock: ManualClock;
  readonly store: MemorySessionStore;
  readonly errors: unknown[];
  /** Starts a session of the scripted provider and returns its id and run. */
  start(options?: StartOptions): Promise<{ id: string; run: ScriptedRun }>;
}

/** Builds a {@link Harness}; `options` override the manager's. */
export function harness(options: Partial<AuthSessionManagerOptions> = {}): Harness {
  const clock = manualClock();
  const store = new MemorySessionStore({ now: clock.now });
  const provider = scriptedProvider();
  const errors: unknown[] = [];
  const manager = new AuthSessionManager({
    providers: { scripted: provider.factory },
    store,
    now: clock.now,
    sleep: clock.sleep,
    onError: (error) => errors.push(error),
    ...options,
  });
  return {
    manager,
    clock,
    store,
    errors,
    start: async (startOptions = {}) => {
      const id = await manager.start('scripted', startOptions);
      return { id, run: await provider.next() };
    },
  };
}
