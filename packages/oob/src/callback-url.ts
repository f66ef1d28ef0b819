/**
 * Builds the callback URL of a pending from its id. The service routes that URL to
 * {@link createCallbackHandler} (or to {@link resolveCallback} in its own framework).
 *
 * @param id - The pending's id (base64url, URL-safe).
 * @returns An absolute URL.
 */
export type CallbackUrlBuilder = (id: string) => string;

/** The default path under which callback URLs live: `{base}/oob/callback/{id}`. */
export const DEFAULT_CALLBACK_PATH = '/oob/callback';

/**
 * Options of {@link callbackUrlBuilder}.
 */
export interface CallbackUrlOptions {
  /**
   * The path the ids hang under, appended to the base URL's own path. Must start with `/`.
   * Default: {@link DEFAULT_CALLBACK_PATH} (`/oob/callback`).
   */
  readonly path?: string;
}

/**
 * Normalises a callback path: leading `/`, no trailing `/`, no `?`, `#` or `//`.
 *
 * @throws TypeError when `path` is not such a path.
 * @internal
 */
export function normaliseCallbackPath(path: unknown): string {
  if (
    typeof path !== 'string' ||
    !path.startsWith('/') ||
    /[?#\s]|\/\//.test(path) ||
    path.length > 1024
  ) {
    throw new TypeError('path must be an absolute URL path such as "/oob/callback"');
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * Makes a {@link CallbackUrlBuilder} answering `{base}{path}/{id}`, e.g.
 * `https://app.example.com/oob/callback/mT3v…`. The base may carry a path prefix of its own
 * (`https://example.com/connect` → `https://example.com/connect/oob/callback/{id}`); its query
 * and fragment are not allowed.
 *
 * @param base - The service's public origin, optionally with a path prefix (`http:` or `https:`).
 * @param options - The callback path.
 * @returns The builder.
 * @throws TypeError when `base` is not an absolute http(s) URL without query or fragment, or
 *   `path` is not an absolute path.
 * @example
 * ```ts
 * const callbackUrl = callbackUrlBuilder('https://app.example.com');
 * callbackUrl('mT3vQ…'); // 'https://app.example.com/oob/callback/mT3vQ…'
 * ```
 */
export function callbackUrlBuilder(
  base: string | URL,
  options: CallbackUrlOptions = {},
): CallbackUrlBuilder {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TypeError('base must be an absolute URL such as "https://app.example.com"');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new TypeError('base must be an http(s) URL without query or fragment');
  }
  const path = normaliseCallbackPath(options.path ?? DEFAULT_CALLBACK_PATH);
  const prefix = `${url.origin}${url.pathname.replace(/\/+$/, '')}${path === '/' ? '' : path}/`;
  return (id: string) => {
    if (typeof id !== 'string' || id.length === 0) {
      throw new TypeError('id must be a non-empty string');
    }
    return prefix + encodeURIComponent(id);
  };
}
