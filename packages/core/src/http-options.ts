import type { Dispatcher } from 'undici';
import type { RuntimeOptions } from './runtime.js';
import type { AssertSecureEndpointOptions } from './secure-endpoint.js';

/**
 * What latch passes to an injected {@link FetchLike}: always `redirect: 'manual'` and a signal
 * that fires on the caller's abort or on latch's own deadline.
 */
export interface FetchInit {
  /** `GET` or `POST`. */
  readonly method: 'GET' | 'POST';
  /** Request headers, lower-case names. */
  readonly headers: Record<string, string>;
  /** The form-encoded body of a POST. */
  readonly body?: string;
  /** Always `'manual'`: latch never follows redirects. */
  readonly redirect: 'manual';
  /** Aborts the exchange. */
  readonly signal: AbortSignal;
}

/**
 * A WHATWG `fetch`-compatible function (the global `fetch`, undici's, or a test double).
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<Response>;

/**
 * Options shared by every latch function that talks HTTP ({@link postForm}, {@link getJson},
 * {@link requestToken}, {@link discoverIssuer}).
 */
export interface HttpOptions extends RuntimeOptions, AssertSecureEndpointOptions {
  /**
   * The limit for the whole exchange — connecting, sending, and reading the entire body — in
   * milliseconds. Default: `30_000`.
   */
  readonly timeoutMs?: number | undefined;
  /** The largest response body read, in bytes; larger ones are cut off. Default: 1 MiB. */
  readonly maxResponseBytes?: number | undefined;
  /** Cancels the request; latch then throws its `AbortError` (code `aborted`). Default: none. */
  readonly signal?: AbortSignal | undefined;
  /** The `User-Agent` header. Default: none of latch's (the transport's own). */
  readonly userAgent?: string | undefined;
  /**
   * Extra request headers (e.g. `DPoP`). Latch's own `Accept`, `Content-Type` and, with client
   * credentials, `Authorization` take precedence. Default: none.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The undici dispatcher to send through. Default: one shared `EnvHttpProxyAgent`, created
   * on first use, which honours `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`.
   * Cannot be combined with `fetch`.
   */
  readonly dispatcher?: Dispatcher | undefined;
  /**
   * A `fetch` function to send through instead of undici; used as-is (no dispatcher is
   * added). Cannot be combined with `dispatcher`. Default: undici's `fetch`.
   */
  readonly fetch?: FetchLike | undefined;
}

/** The default of {@link HttpOptions.timeoutMs}: 30 seconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The default of {@link HttpOptions.maxResponseBytes}: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
