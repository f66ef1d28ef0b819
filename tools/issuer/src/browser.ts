import { CookieJar } from './cookie-jar.js';
import { formSubmission, type HtmlButton, type HtmlForm } from './html-forms.js';

/** One HTTP response as the headless browser saw it (redirects are not followed). */
export interface BrowserResponse {
  /** The URL that was requested. */
  readonly url: string;
  readonly status: number;
  /** The absolute `Location` of a redirect, resolved against `url`. */
  readonly location: string | undefined;
  /** The response body as text. */
  readonly body: string;
}

/** Services the browser uses; the defaults are the real ones. */
export interface BrowserOptions {
  /** The fetch implementation. Default: `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Clock for cookie expiry, epoch milliseconds. Default: `Date.now`. */
  readonly now?: () => number;
  /** Aborts every request this browser makes. */
  readonly signal?: AbortSignal;
}

/**
 * A tiny headless browser for the issuer's own HTML pages: one cookie jar, `redirect: 'manual'`
 * so the caller decides which redirects to follow, and form submission with the `Origin` header
 * a real browser sends. No JavaScript, no caching.
 */
export class Browser {
  readonly #jar: CookieJar;
  readonly #fetch: typeof fetch;
  readonly #signal: AbortSignal | undefined;

  constructor(options: BrowserOptions = {}) {
    this.#jar = new CookieJar(options.now ?? Date.now);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#signal = options.signal;
  }

  /** Loads `url` with GET. */
  get(url: string): Promise<BrowserResponse> {
    return this.#request(url, 'GET', undefined);
  }

  /**
   * Submits `form` as a browser would after the user typed `values` and clicked `button`.
   * GET forms put the fields in the query string; POST forms send them url-encoded.
   */
  submit(
    form: HtmlForm,
    values: Readonly<Record<string, string>> = {},
    button?: HtmlButton,
  ): Promise<BrowserResponse> {
    const body = formSubmission(form, values, button);
    if (form.method === 'GET') {
      const target = new URL(form.action);
      target.search = body.toString();
      return this.#request(target.href, 'GET', undefined);
    }
    return this.#request(form.action, 'POST', body);
  }

  async #request(
    url: string,
    method: 'GET' | 'POST',
    body: URLSearchParams | undefined,
  ): Promise<BrowserResponse> {
    const headers = new Headers({ accept: 'text/html' });
    const cookie = this.#jar.header(url);
    if (cookie !== undefined) headers.set('cookie', cookie);
    if (body !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      headers.set('origin', new URL(url).origin);
    }
    const response = await this.#fetch(url, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body: body.toString() }),
      ...(this.#signal === undefined ? {} : { signal: this.#signal }),
    });
    this.#jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      location: location === null ? undefined : new URL(location, url).href,
      body: await response.text(),
    };
  }
}
