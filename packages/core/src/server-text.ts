// C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text in a terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Makes text chosen by a server safe to quote in an error message or a log line: control and
 * bidi-override characters become one space, whitespace is trimmed, and anything past
 * `maxLength` characters is cut and marked with `…`.
 *
 * @param text - Text from the server, such as an RFC 6749 §5.2 `error_description`.
 * @param maxLength - The most characters to keep.
 * @returns The cleaned text (possibly empty).
 * @internal
 */
export function sanitizeServerText(text: string, maxLength: number): string {
  const cleaned = text.replace(UNSAFE_CHARACTERS, ' ').trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned;
}

/**
 * Names the JSON type of a value for messages such as "field expires_in is a string, expected a
 * number" — never the value itself, which may be a token.
 *
 * @param value - A value parsed from JSON.
 * @returns `'null'`, `'an array'`, `'a string'`, `'a number'`, `'a boolean'` or `'an object'`.
 * @internal
 */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'missing';
    default:
      return 'an object';
  }
}

/**
 * Describes a URL for a message: origin and path only, since a query string may carry secrets.
 *
 * @param url - The URL a request went to.
 * @returns For example `https://as.example/token`.
 * @internal
 */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
