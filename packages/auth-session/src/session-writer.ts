import { isTerminalStatus } from './auth-session-status.js';
import { redactSecrets } from './redact-secrets.js';
import { reduceSession, toPollResult } from './reduce-session.js';
import type { SessionEvent, SessionRecord } from './session-record.js';
import type { SessionStateStore, SessionWrite } from './session-store.js';

/** What the writer needs to know. @internal */
export interface SessionWriterSettings {
  readonly store: SessionStateStore;
  readonly now: () => number;
  readonly finishedTtlMs: number;
  readonly maxTranscriptLines: number;
  readonly redact: ((line: string) => string) | undefined;
}

/** What applying one event did. @internal */
export interface Applied {
  /** The record afterwards, or `undefined` when the session does not exist. */
  readonly record: SessionRecord | undefined;
  /** Whether the record changed. */
  readonly changed: boolean;
  /** Whether this event ended the session (running → terminal). */
  readonly ended: boolean;
}

/**
 * Applies events to stored sessions: one at a time per session (so transcript lines and
 * reports keep their order), redacting lines, setting each record's time to live, and
 * announcing status changes.
 *
 * @internal
 */
export class SessionWriter {
  readonly #settings: SessionWriterSettings;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(settings: SessionWriterSettings) {
    this.#settings = settings;
  }

  /** How long to keep `record`: a finished one `finishedTtlMs`; a running one past its deadline too. */
  ttlOf(record: SessionRecord): number {
    const { now, finishedTtlMs } = this.#settings;
    if (isTerminalStatus(record.status)) return finishedTtlMs;
    return Math.max(0, record.deadline - now()) + finishedTtlMs;
  }

  /** Applies `event` to session `id`, after the events queued before it. */
  apply(id: string, event: SessionEvent): Promise<Applied> {
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const next = previous.then(
      () => this.#write(id, event),
      () => this.#write(id, event),
    );
    this.#queues.set(id, next);
    void next.then(
      () => this.#forget(id, next),
      () => this.#forget(id, next),
    );
    return next;
  }

  async #write(id: string, event: SessionEvent): Promise<Applied> {
    const { store, now, maxTranscriptLines } = this.#settings;
    const clean =
      event.type === 'line' ? { type: 'line' as const, line: this.redact(event.line) } : event;
    let before: SessionRecord | undefined;
    const after = await store.update(id, (current): SessionWrite | undefined => {
      before = current;
      const next = reduceSession(current, clean, { now: now(), maxTranscriptLines });
      if (next === current) return undefined;
      const statusChanged = JSON.stringify(next.status) !== JSON.stringify(current.status);
      return {
        record: next,
        ttlMs: this.ttlOf(next),
        change: statusChanged
          ? { sessionId: id, version: next.version, poll: toPollResult(next) }
          : undefined,
      };
    });
    const changed = after !== undefined && after !== before;
    const ended =
      changed &&
      before !== undefined &&
      !isTerminalStatus(before.status) &&
      isTerminalStatus(after.status);
    return { record: after, changed, ended };
  }

  /** Redacts one line: the built-in rules, then the caller's. */
  redact(line: string): string {
    const redacted = redactSecrets(line);
    return this.#settings.redact === undefined ? redacted : this.#settings.redact(redacted);
  }

  #forget(id: string, settled: Promise<unknown>): void {
    if (this.#queues.get(id) === settled) this.#queues.delete(id);
  }
}
