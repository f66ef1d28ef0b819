import type { PollResult } from './auth-session-status.js';
import type { SessionRecord } from './session-record.js';

/**
 * A change of a session's status, announced to every manager instance sharing the store (for
 * `subscribe`, e.g. server-sent events).
 */
export interface SessionChange {
  /** The session. */
  readonly sessionId: string;
  /** The record's version after the change; listeners drop anything older than what they saw. */
  readonly version: number;
  /** The new public state. */
  readonly poll: PollResult;
}

/**
 * A request sent to the manager instance that owns a session's driver (and its child process):
 * stop it, or hand it a pasted callback URL.
 */
export type SessionCommand =
  | {
      /** Stop the session's driver (and its child process). */
      readonly type: 'stop';
      /** The session. */
      readonly sessionId: string;
    }
  | {
      /** Hand a pasted callback URL to the session's driver. */
      readonly type: 'callback-url';
      /** The session. */
      readonly sessionId: string;
      /** What the user pasted. */
      readonly url: string;
    };

/**
 * What an update writes: the new record, how long the store keeps it, and the change to
 * announce (only when the status changed).
 */
export interface SessionWrite {
  /** The new record. */
  readonly record: SessionRecord;
  /** How long to keep it, in milliseconds, from now. */
  readonly ttlMs: number;
  /** The change to announce with the write, atomically where the store can. Default: none. */
  readonly change?: SessionChange | undefined;
}

/** Stops a subscription. */
export type StoreUnsubscribe = () => Promise<void>;

/**
 * Where session state lives, so that every manager instance sees the same sessions: a poll on
 * any instance reads the state, and commands reach the instance that owns a session.
 * {@link MemorySessionStore} serves one process; `RedisSessionStore` (from
 * `@latch/auth-session/redis`) serves several.
 *
 * Records are plain JSON and never hold a token. Every record has a time to live; an expired
 * record is gone (`get` → `undefined`).
 */
export interface SessionStateStore {
  /**
   * Stores a new record.
   *
   * @param record - The record; its id must be new.
   * @param ttlMs - How long to keep it, in milliseconds.
   */
  create(record: SessionRecord, ttlMs: number): Promise<void>;
  /**
   * Reads a record.
   *
   * @param id - The session id.
   * @returns The record, or `undefined` when it does not exist or expired.
   */
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Changes a record atomically: `mutate` sees the current record and returns what to write,
   * or `undefined` to leave it. `mutate` must be pure: a store may call it again after a
   * concurrent write.
   *
   * @param id - The session id.
   * @param mutate - Computes the write from the current record.
   * @returns The record as it is after the call, or `undefined` when it does not exist.
   */
  update(
    id: string,
    mutate: (current: SessionRecord) => SessionWrite | undefined,
  ): Promise<SessionRecord | undefined>;
  /**
   * Deletes a record.
   *
   * @param id - The session id.
   * @returns Whether it existed.
   */
  delete(id: string): Promise<boolean>;
  /**
   * Listens for the changes announced by updates, from every instance.
   *
   * @param listener - Called once per change.
   * @returns A function that stops listening.
   */
  onChange(listener: (change: SessionChange) => void): Promise<StoreUnsubscribe>;
  /**
   * Sends a command to the manager instance `ownerId` (dropped when it is not listening).
   *
   * @param ownerId - The owner's instance id.
   * @param command - The command.
   */
  sendCommand(ownerId: string, command: SessionCommand): Promise<void>;
  /**
   * Listens for the commands sent to `ownerId`.
   *
   * @param ownerId - This instance's id.
   * @param listener - Called once per command.
   * @returns A function that stops listening.
   */
  onCommand(
    ownerId: string,
    listener: (command: SessionCommand) => void,
  ): Promise<StoreUnsubscribe>;
}
