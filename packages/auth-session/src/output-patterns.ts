/**
 * How one provider's login command talks: the regular expressions that pick the interesting
 * lines out of its output. Each list is tried in order; the first match wins. Named groups say
 * which part of the line to take. Expressions must not be global or sticky (`g`, `y`).
 *
 * @example
 * ```ts
 * const github: ProviderPatterns = {
 *   userCode: [/one-time code: (?<code>[A-Z0-9]{4}-[A-Z0-9]{4})/],
 *   verificationUrl: 'https://github.com/login/device',
 *   loggedIn: [/Logged in as (?<account>\S+)/],
 * };
 * ```
 */
export interface ProviderPatterns {
  /** An authorization URL: group `url`, else the whole match. Default: none. */
  readonly authUrl?: readonly RegExp[] | undefined;
  /**
   * A user code (RFC 8628 §3.3): group `code`; group `url` for the verification URL, else the
   * first `http(s)` URL on the line, else {@link ProviderPatterns.verificationUrl}. Default: none.
   */
  readonly userCode?: readonly RegExp[] | undefined;
  /** The verification URL for code lines that name none. Default: none (such lines are ignored). */
  readonly verificationUrl?: string | undefined;
  /** A "logged in as …" line: group `account` (an e-mail or user name). Default: none. */
  readonly loggedIn?: readonly RegExp[] | undefined;
  /** A failure line: group `message`, else the whole line. Default: none. */
  readonly failure?: readonly RegExp[] | undefined;
}

/**
 * What {@link matchOutputLine} found in a line.
 */
export type OutputLineMatch =
  | {
      /** An authorization URL line. */
      readonly kind: 'auth-url';
      /** The URL, without trailing sentence punctuation. */
      readonly authUrl: string;
    }
  | {
      /** A user-code line. */
      readonly kind: 'user-code';
      /** The code. */
      readonly userCode: string;
      /** Where to enter it. */
      readonly verificationUrl: string;
    }
  | {
      /** A "logged in as …" line. */
      readonly kind: 'logged-in';
      /** The account named, if the pattern captured one. */
      readonly account?: string;
    }
  | {
      /** A failure line. */
      readonly kind: 'failure';
      /** The failure's message (or the whole line). */
      readonly message: string;
    };

const ANY_URL = /https?:\/\/[^\s"'<>`]+/i;

/**
 * Patterns that fit many command-line logins: URLs that look like an OAuth authorization
 * request, `XXXX-XXXX` codes next to the word "code", "logged in as …" and `error:` lines.
 * Use a provider's own {@link ProviderPatterns} when you know its output.
 */
export const GENERIC_PATTERNS: ProviderPatterns = Object.freeze({
  userCode: [/\bcode\b\W{0,20}(?<code>[A-Z0-9]{3,}(?:-[A-Z0-9]{3,})+)\b/i],
  authUrl: [
    /(?<url>https?:\/\/[^\s"'<>`]*(?:oauth|authorize|\/auth\b|client_id=|response_type=)[^\s"'<>`]*)/i,
  ],
  loggedIn: [
    /\blogged in(?: to \S+)? as:?\s+(?<account>[^\s,;()]+)/i,
    /\bauthenticated as:?\s+(?<account>[^\s,;()]+)/i,
  ],
  failure: [
    /^\W{0,3}(?:error|fatal)\b:?\s*(?<message>.*)$/i,
    /\b(?:login|authentication|authorization) failed\b:?\s*(?<message>.*)$/i,
  ],
});

/**
 * Checks a {@link ProviderPatterns} object.
 *
 * @param patterns - The patterns to check.
 * @param caller - The function name for the error message.
 * @throws TypeError when a list is not an array of non-global, non-sticky `RegExp`s, or
 *   `verificationUrl` is not a string.
 */
export function checkPatterns(patterns: ProviderPatterns, caller: string): void {
  if (typeof patterns !== 'object' || patterns === null) {
    throw new TypeError(`${caller}: patterns must be an object`);
  }
  for (const key of ['authUrl', 'userCode', 'loggedIn', 'failure'] as const) {
    const list = patterns[key];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      !list.every((re) => re instanceof RegExp && !re.global && !re.sticky)
    ) {
      throw new TypeError(`${caller}: patterns.${key} must be an array of non-global RegExps`);
    }
  }
  const fixed = patterns.verificationUrl;
  if (fixed !== undefined && typeof fixed !== 'string') {
    throw new TypeError(`${caller}: patterns.verificationUrl must be a string`);
  }
}

/**
 * Reads one line of a login command's output through a provider's patterns: a user code
 * first (its line usually holds a URL too), then "logged in", then a failure, then an
 * authorization URL.
 *
 * @param line - One output line, already cleaned of terminal escapes.
 * @param patterns - The provider's patterns.
 * @returns What the line says, or `undefined` for an ordinary line.
 * @example
 * ```ts
 * matchOutputLine('Enter the code WDJB-MJHT at https://example.com/device', GENERIC_PATTERNS);
 * // { kind: 'user-code', userCode: 'WDJB-MJHT', verificationUrl: 'https://example.com/device' }
 * ```
 */
export function matchOutputLine(
  line: string,
  patterns: ProviderPatterns,
): OutputLineMatch | undefined {
  for (const re of patterns.userCode ?? []) {
    const groups = re.exec(line)?.groups;
    const userCode = groups?.code;
    if (!userCode) continue;
    const verificationUrl =
      trimUrl(groups.url ?? ANY_URL.exec(line)?.[0]) ?? patterns.verificationUrl;
    if (verificationUrl) return { kind: 'user-code', userCode, verificationUrl };
  }
  for (const re of patterns.loggedIn ?? []) {
    const found = re.exec(line);
    if (!found) continue;
    const account = found.groups?.account;
    return account ? { kind: 'logged-in', account } : { kind: 'logged-in' };
  }
  for (const re of patterns.failure ?? []) {
    const found = re.exec(line);
    if (found) return { kind: 'failure', message: (found.groups?.message || line).trim() };
  }
  for (const re of patterns.authUrl ?? []) {
    const found = re.exec(line);
    const authUrl = trimUrl(found?.groups?.url ?? found?.[0]);
    if (authUrl) return { kind: 'auth-url', authUrl };
  }
  return undefined;
}

/** Drops sentence punctuation a URL at the end of a sentence picks up. */
function trimUrl(url: string | undefined): string | undefined {
  return url?.replace(/[.,;:!?)\]]+$/, '') || undefined;
}
