/**
 * The status of a login session, as a UI polls it: a tagged union whose `status` tag is
 * kebab-case and whose fields are camelCase, so `JSON.stringify` gives the wire shape
 * `{"status":"url-available","authUrl":"https://…"}` directly.
 *
 * `pending → url-available → code-emitted → success | failed`; `success` and `failed` are
 * terminal: once a session reaches one, nothing changes its status again.
 *
 * @example
 * ```ts
 * function render(status: AuthSessionStatus): string {
 *   switch (status.status) {
 *     case 'url-available':
 *       return `Open ${status.authUrl}`;
 *     case 'code-emitted':
 *       return `Open ${status.verificationUrl} and enter ${status.userCode}`;
 *     default:
 *       return status.status;
 *   }
 * }
 * ```
 */
export type AuthSessionStatus =
  | PendingStatus
  | UrlAvailableStatus
  | CodeEmittedStatus
  | SuccessStatus
  | FailedStatus;

/** The login is running and has shown neither a URL nor a code yet. */
export interface PendingStatus {
  /** The tag. */
  readonly status: 'pending';
}

/** The login produced an authorization URL for the user to open (RFC 6749 §4.1.1). */
export interface UrlAvailableStatus {
  /** The tag. */
  readonly status: 'url-available';
  /** The first authorization URL the login produced (later ones never replace it). */
  readonly authUrl: string;
}

/**
 * The login produced a user code and the page to enter it on (RFC 8628 §3.3). The secret
 * `device_code` is never part of a status.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.3 | RFC 8628 §3.3}
 */
export interface CodeEmittedStatus {
  /** The tag. */
  readonly status: 'code-emitted';
  /** The user code to show (the first one the login produced). */
  readonly userCode: string;
  /** Where the user enters the code (`verification_uri`). */
  readonly verificationUrl: string;
  /** The verification URL with the code in it (`verification_uri_complete`), when known. */
  readonly verificationUrlComplete?: string;
  /** When the code expires, in epoch milliseconds, when known. */
  readonly expiresAt?: number;
}

/** The login finished and the caller confirmed it. Terminal. */
export interface SuccessStatus {
  /** The tag. */
  readonly status: 'success';
  /** The id of the bundle (the caller's record of the connected account) the tokens went to. */
  readonly bundleId: string;
  /** The account's e-mail address or name, when the login showed one. */
  readonly email?: string;
}

/** The login failed, was cancelled or timed out. Terminal. */
export interface FailedStatus {
  /** The tag. */
  readonly status: 'failed';
  /** A short phrase to show inline, e.g. `cancelled`; never a token or code. */
  readonly error: string;
}

/**
 * What `poll` returns: the provider id (for the UI to pick its renderer) next to the status.
 *
 * @example
 * ```ts
 * JSON.stringify(await manager.poll(id));
 * // {"providerId":"github","status":"code-emitted","userCode":"WDJB-MJHT","verificationUrl":"…"}
 * ```
 */
export type PollResult = {
  /** The provider the session logs in to, for the UI to pick its renderer. */
  readonly providerId: string;
} & AuthSessionStatus;

/**
 * Tells whether a status is terminal (`success` or `failed`).
 *
 * @param status - A session status.
 * @returns `true` for `success` and `failed`.
 */
export function isTerminalStatus(status: AuthSessionStatus): boolean {
  return status.status === 'success' || status.status === 'failed';
}
