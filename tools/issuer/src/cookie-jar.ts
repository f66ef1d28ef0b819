interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  /** Epoch milliseconds; `undefined` for a session cookie. */
  readonly expires: number | undefined;
  readonly secure: boolean;
}

/**
 * A minimal RFC 6265 cookie store, enough to drive the issuer's pages like a browser: cookies
 * are kept per host (host-only, `Domain` is ignored), matched by path, replaced by name+path,
 * expired by `Max-Age`/`Expires`, and `Secure` cookies are only sent over https.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6265#section-5.3
 * @example
 * ```ts
 * const jar = new CookieJar(() => Date.now());
 * jar.store('http://127.0.0.1:1/a/b', ['sid=1; Path=/a; HttpOnly']);
 * jar.header('http://127.0.0.1:1/a/c'); // 'sid=1'
 * ```
 */
export class CookieJar {
  readonly #hosts = new Map<string, Map<string, StoredCookie>>();
  readonly #now: () => number;

  /** @param now the clock, in epoch milliseconds, used to expire cookies. */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Stores the `Set-Cookie` header values a response from `url` carried. */
  store(url: string, setCookies: readonly string[]): void {
    const target = new URL(url);
    let cookies = this.#hosts.get(target.hostname);
    if (cookies === undefined) {
      cookies = new Map();
      this.#hosts.set(target.hostname, cookies);
    }
    for (const header of setCookies) {
      const cookie = parseSetCookie(header, target, this.#now());
      if (cookie === undefined) continue;
      const key = `${cookie.name}\u0000${cookie.path}`;
      if (cookie.expires !== undefined && cookie.expires <= this.#now()) {
        cookies.delete(key);
      } else {
        cookies.set(key, cookie);
      }
    }
  }

  /** The `Cookie` request header for `url`, or `undefined` when no cookie applies. */
  header(url: string): string | undefined {
    const target = new URL(url);
    const cookies = this.#hosts.get(target.hostname);
    if (cookies === undefined) return undefined;
    const now = this.#now();
    const matching = [...cookies.values()]
      .filter((cookie) => cookie.expires === undefined || cookie.expires > now)
      .filter((cookie) => !cookie.secure || target.protocol === 'https:')
      .filter((cookie) => pathMatches(target.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    if (matching.length === 0) return undefined;
    return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }
}

function parseSetCookie(header: string, url: URL, now: number): StoredCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const separator = pair.indexOf('=');
  if (separator <= 0) return undefined;
  const name = pair.slice(0, separator).trim();
  const value = pair.slice(separator + 1).trim();
  let path = defaultPath(url.pathname);
  let expires: number | undefined;
  let maxAgeSeen = false;
  let secure = false;
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const attributeValue = rest.join('=').trim();
    if (key === 'path' && attributeValue.startsWith('/')) {
      path = attributeValue;
    } else if (key === 'max-age' && /^-?\d+$/.test(attributeValue)) {
      maxAgeSeen = true;
      expires = now + Number(attributeValue) * 1000;
    } else if (key === 'expires' && !maxAgeSeen) {
      const date = Date.parse(attributeValue);
      if (!Number.isNaN(date)) expires = date;
    } else if (key === 'secure') {
      secure = true;
    }
  }
  return { name, value, path, expires, secure };
}

/** RFC 6265 §5.1.4 default-path: the request path up to, not including, its last `/`. */
function defaultPath(requestPath: string): string {
  const last = requestPath.lastIndexOf('/');
  return last <= 0 ? '/' : requestPath.slice(0, last);
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}
