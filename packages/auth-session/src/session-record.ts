import type { AuthSessionStatus } from './auth-session-status.js';

/**
 * A user code as a login reports it: what {@link CodeEmittedStatus} shows.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.3 | RFC 8628 §3.3}
 */
export interface UserCodeReport {
  /** The user code to show. */
  readonly userCode: string;
  /** Where the user enters it. */
  readonly verificationUrl: string;
  /** The verification URL with the code in it, when known. */
  readonly verificationUrlComplete?: string | undefined;
  /** When the code expires, in epoch milliseconds, when known. */
  readonly expiresAt?: number | undefined;
}

/**
 * Everything a {@link SessionStateStore} keeps about one login session: a plain JSON object,
 * so any store can hold it. It never holds a token; every transcript line was redacted before
 * it got here.
 */
export interface SessionRecord {
  /** The session id (at least 128 random bits). */
  readonly id: string;
  /** Bumped on every change; stores use it to order updates. */
  readonly version: number;
  /** The provider the session logs in to (a key of the manager's `providers`). */
  readonly providerId: string;
  /** The bundle the caller asked to log in into, if any (passed through to the driver). */
  readonly intoBundleId?: string;
  /** The id of the manager instance that runs the driver (and owns any child process). */
  readonly ownerId: string;
  /** The current status. */
  readonly status: AuthSessionStatus;
  /** The first authorization URL seen (kept even while a code is shown). */
  readonly authUrl?: string;
  /** The first user code seen. */
  readonly userCode?: UserCodeReport;
  /** The first account e-mail or name seen (from a "logged in as …" line or an ID token). */
  readonly email?: string;
  /** When the session started, in epoch milliseconds. */
  readonly startedAt: number;
  /** When a session that is still running fails with a timeout, in epoch milliseconds. */
  readonly deadline: number;
  /** When the session reached a terminal status, in epoch milliseconds. */
  readonly finishedAt?: number;
  /** The output lines, redacted, oldest first (the newest `maxTranscriptLines`). */
  readonly transcript: readonly string[];
  /** How many older lines were dropped to keep the transcript bounded. */
  readonly droppedLines: number;
}

/**
 * One thing that happened to a session, as {@link reduceSession} applies it.
 */
export type SessionEvent =
  | {
      /** An output line (redacted before it is stored). */
      readonly type: 'line';
      /** The line. */
      readonly line: string;
    }
  | {
      /** An authorization URL. */
      readonly type: 'url';
      /** The URL. */
      readonly authUrl: string;
    }
  | {
      /** A user code. */
      readonly type: 'code';
      /** The code and where to enter it. */
      readonly code: UserCodeReport;
    }
  | {
      /** The account the login named ("logged in as …"). */
      readonly type: 'email';
      /** The e-mail address or user name. */
      readonly email: string;
    }
  | {
      /** The login succeeded and was confirmed. */
      readonly type: 'success';
      /** Where the tokens went. */
      readonly bundleId: string;
      /** The account's e-mail, overriding the one seen. */
      readonly email?: string | undefined;
    }
  | {
      /** The login failed, was cancelled or timed out. */
      readonly type: 'failure';
      /** A short phrase for the UI. */
      readonly error: string;
    };
