// Cc: C0 controls, DEL and C1 controls. Cf: format characters — the bidirectional embeddings,
// overrides, isolates and marks, zero-width spaces and joiners, the word joiner, the byte-order
// mark, soft hyphen, tag characters. Zl/Zp: the line and paragraph separators.
const UNSAFE_FOR_DISPLAY = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Makes server-chosen text safe to show in a terminal or a page: removes control characters
 * (C0, DEL, C1 — so no ANSI escape sequence or carriage return can rewrite what the user sees),
 * Unicode format characters (bidirectional overrides and isolates, zero-width spaces and
 * joiners, the byte-order mark — so nothing invisible hides inside a URL or a code) and line
 * or paragraph separators, then trims surrounding whitespace. Everything else is kept as given.
 * Pure.
 *
 * `requestDeviceCode` applies it to `user_code`, `verification_uri` and
 * `verification_uri_complete` before checking and returning them.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-5.4 | RFC 8628 §5.4} (remote phishing)
 * @see {@link https://www.unicode.org/reports/tr9/ | Unicode UAX #9} (bidirectional controls)
 * @param text - Text from the server.
 * @returns The text without those characters, trimmed.
 * @example
 * ```ts
 * sanitizeForDisplay('WDJB-MJHT\u200b\u001b[8m\r\n'); // 'WDJB-MJHT[8m'
 * ```
 */
export function sanitizeForDisplay(text: string): string {
  if (typeof text !== 'string') throw new TypeError('sanitizeForDisplay: text must be a string');
  return text.replace(UNSAFE_FOR_DISPLAY, '').trim();
}
