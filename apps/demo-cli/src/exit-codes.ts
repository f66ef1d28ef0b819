/** The exit codes of `latch`, documented in the README. */
export const EXIT = Object.freeze({
  /** The command did what it was asked. */
  ok: 0,
  /** Something failed: the issuer, the network, the store. The message says what to do. */
  error: 1,
  /** The command line is wrong: an unknown command or flag, a bad value. */
  usage: 2,
  /** Not logged in, or the session ended and `latch login` is needed again. */
  notLoggedIn: 3,
});

/** Thrown for a bad command line; `latch` prints the message and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
