const DELTA_SECONDS = /^[0-9]+$/;
// IMF-fixdate, RFC 850 and asctime, the three forms RFC 9110 §5.6.7 requires recipients to read.
const HTTP_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * Reads a `Retry-After` header value as a number of seconds to wait. Pure.
 *
 * Accepts delta-seconds (`120`) and an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`, which is
 * measured against `now`; a date in the past gives 0).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3 | RFC 9110 §10.2.3}
 * @param value - The header value, or `null`/`undefined` when absent.
 * @param now - The current time in epoch milliseconds, from the injected clock.
 * @returns Whole seconds ≥ 0, or `undefined` when the header is absent or malformed.
 * @example
 * ```ts
 * parseRetryAfter(response.headers.get('retry-after'), Date.now()); // e.g. 30
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  if (!HTTP_DATE.test(text)) return undefined;
  const at = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
