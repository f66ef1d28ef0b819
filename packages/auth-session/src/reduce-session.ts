import {
  type AuthSessionStatus,
  isTerminalStatus,
  type PollResult,
} from './auth-session-status.js';
import type { SessionEvent, SessionRecord, UserCodeReport } from './session-record.js';

/**
 * The record of a session that has just started: `pending`, empty transcript, version 1.
 *
 * @param start - Its id, provider, bundle, owner, start time and time limit.
 * @returns The record.
 */
export function newSessionRecord(start: {
  readonly id: string;
  readonly providerId: string;
  readonly intoBundleId: string | undefined;
  readonly ownerId: string;
  readonly now: number;
  readonly timeoutMs: number;
}): SessionRecord {
  return {
    id: start.id,
    version: 1,
    providerId: start.providerId,
    ...(start.intoBundleId === undefined ? {} : { intoBundleId: start.intoBundleId }),
    ownerId: start.ownerId,
    status: { status: 'pending' },
    startedAt: start.now,
    deadline: start.now + start.timeoutMs,
    transcript: [],
    droppedLines: 0,
  };
}

/** Bounds of {@link reduceSession}. */
export interface ReduceSessionOptions {
  /** When the event happened, in epoch milliseconds (kept as `finishedAt`). */
  readonly now: number;
  /** How many transcript lines to keep; older ones are dropped. */
  readonly maxTranscriptLines: number;
}

/**
 * Applies one event to a session record: the state machine, pure.
 *
 * - A URL moves `pending` to `url-available`; a code moves `pending` or `url-available` to
 *   `code-emitted`. The first URL and the first code win: later ones change nothing.
 * - An e-mail ("logged in as …") is only remembered: it never means success by itself.
 * - `success` and `failure` end a running session; on a terminal session every event except a
 *   transcript line is ignored (returned unchanged, not an error).
 *
 * @param record - The current record.
 * @param event - What happened.
 * @param options - The time and the transcript bound.
 * @returns The new record (with `version` bumped), or `record` itself when nothing changed.
 */
export function reduceSession(
  record: SessionRecord,
  event: SessionEvent,
  options: ReduceSessionOptions,
): SessionRecord {
  if (event.type === 'line') return appendLine(record, event.line, options.maxTranscriptLines);
  if (isTerminalStatus(record.status)) return record;
  switch (event.type) {
    case 'url': {
      if (record.authUrl !== undefined) return record;
      const status: AuthSessionStatus =
        record.status.status === 'pending'
          ? { status: 'url-available', authUrl: event.authUrl }
          : record.status;
      return bump({ ...record, authUrl: event.authUrl, status });
    }
    case 'code': {
      if (record.userCode !== undefined) return record;
      const shown = record.status.status === 'pending' || record.status.status === 'url-available';
      const status = shown ? codeStatus(event.code) : record.status;
      return bump({ ...record, userCode: event.code, status });
    }
    case 'email':
      return record.email === undefined ? bump({ ...record, email: event.email }) : record;
    case 'success': {
      const email = event.email ?? record.email;
      return bump({
        ...record,
        status: {
          status: 'success',
          bundleId: event.bundleId,
          ...(email === undefined ? {} : { email }),
        },
        finishedAt: options.now,
      });
    }
    case 'failure':
      return bump({
        ...record,
        status: { status: 'failed', error: event.error },
        finishedAt: options.now,
      });
  }
}

/**
 * The timeout rule: a session still running at or after its `deadline` fails with
 * `timed out after N s`.
 *
 * @param record - The current record.
 * @param now - The current time, in epoch milliseconds.
 * @returns The failure event to apply, or `undefined` when the session is terminal or not due.
 */
export function timeoutEvent(record: SessionRecord, now: number): SessionEvent | undefined {
  if (isTerminalStatus(record.status) || now < record.deadline) return undefined;
  const seconds = Math.round((record.deadline - record.startedAt) / 1000);
  return { type: 'failure', error: `timed out after ${seconds} s` };
}

/**
 * The public view of a record: what `poll` returns.
 *
 * @param record - A session record.
 * @returns `{ providerId, ...status }`.
 */
export function toPollResult(record: SessionRecord): PollResult {
  return { providerId: record.providerId, ...record.status };
}

function codeStatus(code: UserCodeReport): AuthSessionStatus {
  return {
    status: 'code-emitted',
    userCode: code.userCode,
    verificationUrl: code.verificationUrl,
    ...(code.verificationUrlComplete === undefined
      ? {}
      : { verificationUrlComplete: code.verificationUrlComplete }),
    ...(code.expiresAt === undefined ? {} : { expiresAt: code.expiresAt }),
  };
}

function appendLine(record: SessionRecord, line: string, max: number): SessionRecord {
  const all = [...record.transcript, line];
  const drop = Math.max(0, all.length - max);
  return bump({
    ...record,
    transcript: drop > 0 ? all.slice(drop) : all,
    droppedLines: record.droppedLines + drop,
  });
}

function bump(record: SessionRecord): SessionRecord {
  return { ...record, version: record.version + 1 };
}
