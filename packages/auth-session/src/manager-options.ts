import type { PollResult } from './auth-session-status.js';
import type { DriverFactory } from './driver.js';
import type { SessionStateStore } from './session-store.js';

/** The default wall-clock limit of a session: 600 000 ms (10 minutes). */
export const DEFAULT_SESSION_TIMEOUT_MS = 600_000;

/** The default time a finished session stays readable before it is swept: 600 000 ms. */
export const DEFAULT_FINISHED_TTL_MS = 600_000;

/** The default number of transcript lines kept per session: 500. */
export const DEFAULT_MAX_TRANSCRIPT_LINES = 500;

/**
 * Options of {@link AuthSessionManager}.
 */
export interface AuthSessionManagerOptions {
  /**
   * The registry of providers: provider id → the driver factory that logs in to it. Required.
   */
  readonly providers: Readonly<Record<string, DriverFactory>> | ReadonlyMap<string, DriverFactory>;
  /** Where session state lives. Default: a new {@link MemorySessionStore} (this process only). */
  readonly store?: SessionStateStore | undefined;
  /** This instance's id, used to route cancels to it. Default: 128 random bits. */
  readonly instanceId?: string | undefined;
  /** How long a session may run before it fails with a timeout, in ms. Default: 600 000. */
  readonly timeoutMs?: number | undefined;
  /** How long a finished session stays readable before it is swept, in ms. Default: 600 000. */
  readonly finishedTtlMs?: number | undefined;
  /** How many transcript lines to keep per session (the newest). Default: 500. */
  readonly maxTranscriptLines?: number | undefined;
  /**
   * Extra redaction applied to every transcript line after the built-in {@link redactSecrets}
   * (e.g. your own token formats). Default: none.
   */
  readonly redact?: ((line: string) => string) | undefined;
  /** Receives errors of background work (store writes, listeners, drivers). Default: ignored. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** The clock, epoch milliseconds. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Waits `ms` unless `signal` aborts (times the session timeout). Default: core's `sleep`. */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** The random source for session and instance ids. Default: `crypto.randomBytes`. */
  readonly randomBytes?: ((size: number) => Uint8Array) | undefined;
}

/**
 * What a display prompt is given (see {@link StartOptions.prompt}).
 */
export interface PromptContext {
  /** The session id. */
  readonly sessionId: string;
  /** The provider id. */
  readonly providerId: string;
  /** Aborts when the session ends; the prompt should then stop. */
  readonly signal: AbortSignal;
  /**
   * Resolves with the first state worth showing: `url-available`, `code-emitted`, or a
   * terminal one.
   */
  instructions(): Promise<PollResult>;
}

/**
 * What the manual fallback is given: everything the user needs to finish the login by hand.
 */
export interface ManualInstructions {
  /** The session id. */
  readonly sessionId: string;
  /** The current state (the URL or code to show). */
  readonly poll: PollResult;
  /** The redacted transcript so far. */
  readonly transcript: readonly string[];
}

/**
 * Options of {@link AuthSessionManager.start}.
 */
export interface StartOptions {
  /** The bundle (the caller's record of a connected account) to log in into. Default: none. */
  readonly intoBundleId?: string | undefined;
  /**
   * A display prompt shown beside the login (a push to the user's page or client). It runs
   * concurrently with the login: resolving means shown (the login goes on); throwing
   * {@link PromptUnavailableError} with a `fallback` shows the manual instructions and the
   * login goes on; a {@link PromptDeclinedError} or any other failure ends the session. Runs
   * on this instance. Default: none.
   */
  readonly prompt?: ((context: PromptContext) => Promise<void>) | undefined;
  /** Shows the manual instructions when the prompt is undeliverable. Default: none. */
  readonly fallback?: ((instructions: ManualInstructions) => void | Promise<void>) | undefined;
}

/** A listener of {@link AuthSessionManager.subscribe}. */
export type SessionListener = (poll: PollResult) => void;

/**
 * Checks a positive whole number of milliseconds.
 *
 * @param value - The option's value.
 * @param name - The option's name.
 * @param fallback - The default.
 * @returns The value or the default.
 * @throws TypeError when the value is given and not a positive safe integer.
 * @internal
 */
export function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`AuthSessionManager: options.${name} must be a positive integer`);
  }
  return value;
}
