import { isTerminalStatus } from './auth-session-status.js';
import type { SessionListener } from './manager-options.js';
import type { SessionChange } from './session-store.js';

/**
 * The listeners of `subscribe`, per session, fed by the store's change announcements: each
 * listener sees changes in version order, and nothing after a terminal status.
 *
 * @internal
 */
export class SessionListeners {
  readonly #entries = new Map<string, { seen: number; set: Set<SessionListener> }>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Adds a listener; returns the function that removes it. */
  add(sessionId: string, listener: SessionListener): () => void {
    const entry = this.#entries.get(sessionId) ?? { seen: 0, set: new Set<SessionListener>() };
    const own: SessionListener = (poll) => listener(poll);
    entry.set.add(own);
    this.#entries.set(sessionId, entry);
    return () => {
      entry.set.delete(own);
      if (entry.set.size === 0 && this.#entries.get(sessionId) === entry) {
        this.#entries.delete(sessionId);
      }
    };
  }

  /** Delivers one announced change to the session's listeners. */
  deliver(change: SessionChange): void {
    const entry = this.#entries.get(change.sessionId);
    if (entry === undefined || change.version <= entry.seen) return;
    entry.seen = isTerminalStatus(change.poll) ? Number.POSITIVE_INFINITY : change.version;
    for (const listener of [...entry.set]) {
      try {
        listener(change.poll);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
