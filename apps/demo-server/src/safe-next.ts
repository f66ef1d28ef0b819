/**
 * The paths a `?next=` (or a form's `next` field) may send the browser to after signing in:
 * the tenant page, optionally with a flow preselected. Anything else — another origin, a
 * scheme-relative `//host`, a backslash trick, an encoded path — goes to `/`.
 */
export const ALLOWED_NEXT_PATHS: readonly string[] = Object.freeze([
  '/',
  '/?flow=device',
  '/?flow=redirect',
  '/?flow=cli',
]);

/**
 * Picks the same-origin path to redirect to: `value` when it is exactly one of
 * {@link ALLOWED_NEXT_PATHS}, else `/`.
 *
 * @param value - The requested `next` (anything).
 * @returns A path of the allow-list.
 * @example
 * ```ts
 * safeNextPath('/?flow=cli'); // '/?flow=cli'
 * safeNextPath('https://evil.example/'); // '/'
 * ```
 */
export function safeNextPath(value: unknown): string {
  return typeof value === 'string' && ALLOWED_NEXT_PATHS.includes(value) ? value : '/';
}
