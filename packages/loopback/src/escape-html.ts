const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and
 * `'` become character references, so text from a URL (such as an `error_description`) shows
 * as text and never becomes markup.
 *
 * @param text - Any text.
 * @returns The text with the five special characters escaped.
 * @internal
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}
