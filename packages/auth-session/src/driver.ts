import type { UserCodeReport } from './session-record.js';

/**
 * How a driver tells the manager what its login is doing. Every method may be called at any
 * time; what arrives after the session ended is ignored (a transcript line is still kept).
 * The returned promises resolve once the state is stored and never reject (store failures go
 * to the manager's `onError`).
 */
export interface SessionReporter {
  /**
   * Adds one output line to the transcript; it is redacted before it is stored.
   *
   * @param text - The line.
   */
  line(text: string): Promise<void>;
  /**
   * Reports an authorization URL (the first one wins): `pending → url-available`.
   *
   * @param authUrl - The URL for the user to open.
   */
  authUrl(authUrl: string): Promise<void>;
  /**
   * Reports a user code (the first one wins): `pending | url-available → code-emitted`.
   *
   * @param code - The user code and where to enter it.
   */
  userCode(code: UserCodeReport): Promise<void>;
  /**
   * Remembers the account the login says it signed in to (never success by itself).
   *
   * @param account - An e-mail address or user name.
   */
  account(account: string): Promise<void>;
  /**
   * Ends the session with success, once the login is confirmed and its tokens are stored.
   *
   * @param bundleId - Where the tokens went.
   * @param options - The account's e-mail, overriding one reported before.
   * @returns Whether this call ended the session (`false` when it had already ended).
   */
  succeed(bundleId: string, options?: { readonly email?: string | undefined }): Promise<boolean>;
  /**
   * Ends the session with a failure.
   *
   * @param error - A short phrase for the UI; no token or code.
   * @returns Whether this call ended the session.
   */
  fail(error: string): Promise<boolean>;
}

/**
 * What a driver factory is started with.
 */
export interface DriverContext {
  /** The session id. */
  readonly sessionId: string;
  /** The provider id the session was started for. */
  readonly providerId: string;
  /** The bundle the caller asked to log in into, if any. */
  readonly intoBundleId?: string | undefined;
  /**
   * Aborts when the session ends for any reason (cancel, timeout, a decision by the caller,
   * the manager closing): the driver must then stop its login and resolve `done`. It may
   * already be aborted when the factory runs.
   */
  readonly signal: AbortSignal;
  /** Where the driver reports what happens. */
  readonly report: SessionReporter;
}

/**
 * One running login, as a driver factory returns it.
 */
export interface AuthDriver {
  /**
   * Resolves when the login has stopped and left nothing running (no child process). If it
   * settles while the session is still running, the session fails.
   */
  readonly done: Promise<void>;
  /**
   * Takes a pasted callback URL (the address the browser ended on). Default: none (pasting is
   * refused).
   *
   * @param url - What the user pasted.
   * @returns Whether the login took it.
   */
  submitCallbackUrl?(url: string): boolean | Promise<boolean>;
}

/**
 * Starts one login for a session: an entry of the manager's `providers` registry.
 * {@link deviceLoginDriver}, {@link browserLoginDriver} and {@link childProcessDriver} make
 * them; any function of this shape works.
 */
export type DriverFactory = (context: DriverContext) => AuthDriver | Promise<AuthDriver>;
