const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * Every value the issuer's pages show (client names, scopes, user input, error text) goes
 * through here, so a hostile `client_id` or username cannot inject markup.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decodes the HTML character references a form page can contain (`&amp;`, `&#39;`, `&#x2F;`…).
 * Unknown named references are left as they are.
 *
 * @example
 * ```ts
 * decodeHtml('a&amp;b&#x3D;c'); // 'a&b=c'
 * ```
 */
export function decodeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole);
    }
    if (ref.startsWith('#')) {
      return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : fallback;
}
