/** What replaces a secret. */
export const REDACTED = '[redacted]';

const SECRET_NAMES = [
  'code',
  'access_token',
  'refresh_token',
  'id_token',
  'device_code',
  'client_secret',
  'code_verifier',
  'assertion',
  'password',
  'token',
].join('|');

/** `?code=…`, `&access_token=…`, `#id_token=…` in a URL. */
const URL_PARAM = new RegExp(`([?&#;](?:${SECRET_NAMES})=)[^&#;\\s"'<>]+`, 'gi');

/** `access_token=…`, `"refresh_token": "…"`, `deviceCode: …`, `token=…` in text or JSON. */
const KEY_VALUE =
  /\b((?:access|refresh|id)[_-]?token|device[_-]?code|client[_-]?secret|code[_-]?verifier|token|password)\b(["']?\s*[:=]\s*["']?)([^\s"',&;)}\]]+)/gi;

/** `Bearer …` and `Basic …` credentials (RFC 6750 §2.1, RFC 7617). */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi;

/** A JWS or JWE compact serialisation (RFC 7515 §7.1, RFC 7516 §7.1): `eyJ….….…`. */
const JWT = /\beyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){2,4}/g;

/** Well-known prefixed API tokens (GitHub, GitLab, Slack, Google, OpenAI-style `sk-`). */
const PREFIXED_TOKEN =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|ya29\.[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,})/g;

/**
 * Removes what looks like a secret from one line of login output before it is stored:
 * authorization codes and tokens in URL parameters (`?code=…`), `key=value` and JSON forms of
 * tokens, device codes, client secrets and verifiers, `Bearer`/`Basic` credentials, JWTs, and
 * well-known prefixed API tokens. The user code a person must type is not a secret and stays.
 *
 * Redaction is a safety net, not a guarantee: a login command should not print tokens at all.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.3 | RFC 6749 §10.3, §10.5}
 * @param line - One output line.
 * @returns The line with each secret replaced by `[redacted]`.
 * @example
 * ```ts
 * redactSecrets('GET /callback?code=SplxlOBeZQ&state=af0ifjsldkj');
 * // 'GET /callback?code=[redacted]&state=af0ifjsldkj'
 * ```
 */
export function redactSecrets(line: string): string {
  return line
    .replace(JWT, REDACTED)
    .replace(PREFIXED_TOKEN, REDACTED)
    .replace(AUTH_SCHEME, `$1$2${REDACTED}`)
    .replace(URL_PARAM, `$1${REDACTED}`)
    .replace(KEY_VALUE, (match, name: string, separator: string, value: string) =>
      value === REDACTED || value.startsWith('[redacted')
        ? match
        : `${name}${separator}${REDACTED}`,
    );
}
