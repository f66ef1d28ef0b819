import type { PollResult } from '@latch/auth-session';

/**
 * A login session as the page sees it (JSON of `GET /sessions/{id}` and each SSE event): the
 * status and what to show for it. Never a token, code, verifier or bundle id.
 */
export interface SessionView {
  /** The session id. */
  readonly id: string;
  /** The flow (`device`, `redirect` or `cli`). */
  readonly flow: string;
  /** `pending`, `url-available`, `code-emitted`, `success` or `failed`. */
  readonly status: PollResult['status'];
  /** Whether the status is final. */
  readonly done: boolean;
  /** The user code to type (RFC 8628 `user_code`; not a secret). */
  readonly userCode?: string;
  /** Where to type it. */
  readonly verificationUrl?: string;
  /** The verification URL with the code in it. */
  readonly verificationUrlComplete?: string;
  /** The QR code image of the verification URL (same origin). */
  readonly qrUrl?: string;
  /** When the code expires, epoch ms. */
  readonly expiresAt?: number;
  /** The issuer's authorization URL (redirect flow). */
  readonly authUrl?: string;
  /** Who connected (success). */
  readonly who?: string;
  /** Why it failed. */
  readonly error?: string;
}

/**
 * Builds the page's view of a session from its poll result.
 *
 * @param id - The session id.
 * @param poll - What `AuthSessionManager.poll` returned.
 * @returns The view.
 */
export function toSessionView(id: string, poll: PollResult): SessionView {
  // Plain assignments, not conditional spreads: this runs on every poll, and the spreads
  // cost microseconds each.
  const view: { -readonly [K in keyof SessionView]: SessionView[K] } = {
    id,
    flow: poll.providerId,
    status: poll.status,
    done: poll.status === 'success' || poll.status === 'failed',
  };
  switch (poll.status) {
    case 'url-available':
      view.authUrl = poll.authUrl;
      break;
    case 'code-emitted':
      view.userCode = poll.userCode;
      view.verificationUrl = poll.verificationUrl;
      if (poll.verificationUrlComplete !== undefined) {
        view.verificationUrlComplete = poll.verificationUrlComplete;
      }
      view.qrUrl = `/sessions/${encodeURIComponent(id)}/qr.svg`;
      if (poll.expiresAt !== undefined) view.expiresAt = poll.expiresAt;
      break;
    case 'success':
      if (poll.email) view.who = poll.email;
      break;
    case 'failed':
      view.error = poll.error;
      break;
    default:
      break;
  }
  return view;
}

/**
 * The sentence the page shows for a view.
 *
 * @param view - The session view.
 * @returns Plain text.
 */
export function statusText(view: SessionView): string {
  switch (view.status) {
    case 'pending':
      return 'Connecting…';
    case 'url-available':
      return 'Connecting: continue at the issuer.';
    case 'code-emitted':
      return 'Connecting: enter the code at the issuer.';
    case 'success':
      return `Connected as ${view.who ?? 'your account'}.`;
    case 'failed':
      return `Not connected: ${view.error ?? 'the login failed'}.`;
  }
}
