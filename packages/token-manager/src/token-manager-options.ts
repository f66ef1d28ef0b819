import { isAbsolute } from 'node:path';
import { type HttpOptions, normalizeIssuer } from '@latch/core';
import { TOKEN_TYPE_ACCESS_TOKEN } from '@latch/sts-exchange';
import { DEFAULT_PROFILE, storeKey, type TokenStore } from '@latch/tokenstore';
import { sortedScope } from './exchange-cache.js';

/** The default of {@link TokenManagerOptions.skewMs}: refresh 30 s before expiry. */
export const DEFAULT_SKEW_MS = 30_000;

/** The default of {@link TokenManagerOptions.reloadAfterMs}: 1 s. */
export const DEFAULT_RELOAD_AFTER_MS = 1_000;

/**
 * The shortest `lockStaleMs`: `MIN_STALE_MS` of `@latch/proclock` (2 s), repeated here so that
 * the lock code loads only when a lock is taken.
 * @internal
 */
export const MIN_LOCK_STALE_MS = 2_000;

/**
 * Where the manager sends its grants. Leave the whole object out to discover both from the
 * issuer's metadata (RFC 8414, then OpenID Connect Discovery).
 */
export interface TokenManagerEndpoints {
  /**
   * Where the refresh token grant is sent (RFC 6749 §6), usually the token endpoint. Default:
   * none — a needed refresh then fails with {@link NoRefreshEndpointError}.
   */
  readonly refresh?: string | URL | undefined;
  /**
   * Where RFC 8693 token exchanges are sent, usually the token endpoint. Default: none — a
   * needed exchange then fails with {@link NoExchangeEndpointError}. Single-host deployments
   * never exchange (the core token is the API token) and can leave it out.
   */
  readonly exchange?: string | URL | undefined;
}

/**
 * Options of {@link TokenManager}: the CLI's identity and where it keeps the session. Only
 * `issuer`, `clientId` and `store` are required. The manager reads no environment variables.
 */
export interface TokenManagerOptions {
  /**
   * The issuer the user logs in to, an absolute `https:` URL (plain `http:` on loopback). It is
   * normalised (RFC 3986 §6.2.2) and, with `profile`, names the stored session, so
   * `https://Login.Example.com:443/` and `https://login.example.com` share one session.
   */
  readonly issuer: string | URL;
  /** The public client's `client_id`, sent with every grant (RFC 6749 §2.2). */
  readonly clientId: string;
  /** Where the core token set lives (see `@latch/tokenstore`). Shared by every process. */
  readonly store: TokenStore;
  /**
   * The profile name, for several sessions with one issuer (1–64 of `A–Z a–z 0–9 . _ -`).
   * Default: `'default'`.
   */
  readonly profile?: string | undefined;
  /**
   * The directory of the cross-process lock that serialises refresh, save and delete; an
   * absolute path, the same for every process of the CLI. Default: `@latch/proclock`'s
   * `defaultLockDir()` (`latch/locks` in the user's cache directory).
   */
  readonly lockDir?: string | undefined;
  /** How long to wait for another process's refresh, save or delete, in ms. Default: 30 000. */
  readonly lockTimeoutMs?: number | undefined;
  /**
   * After how long without a sign of life a crashed process's lock is taken over, in ms
   * (at least 2 000). Every process must use the same value. Default: 10 000.
   */
  readonly lockStaleMs?: number | undefined;
  /** The grant endpoints. Default: discovered from `issuer` on first need. */
  readonly endpoints?: TokenManagerEndpoints | undefined;
  /**
   * The RFC 8693 `requested_token_type` of exchanges when a request names none.
   * Default: `urn:ietf:params:oauth:token-type:access_token`.
   */
  readonly requestedTokenType?: string | undefined;
  /**
   * The RFC 8693 `subject_token_type` of the core token in exchanges.
   * Default: `urn:ietf:params:oauth:token-type:access_token`.
   */
  readonly subjectTokenType?: string | undefined;
  /** The `scope` of exchanges when a request names none. Default: none (the server decides). */
  readonly scope?: string | readonly string[] | undefined;
  /** The `User-Agent` of every request. Default: the transport's own. */
  readonly userAgent?: string | undefined;
  /**
   * Allow plain `http:` to hosts other than loopback. The requests carry the user's tokens:
   * only for development. Default: `false`.
   */
  readonly allowInsecureHttp?: boolean | undefined;
  /** The undici dispatcher requests go through (proxy, TLS settings). Default: core's. */
  readonly dispatcher?: HttpOptions['dispatcher'];
  /** The limit of each HTTP exchange, in ms. Default: core's (30 000). */
  readonly timeoutMs?: number | undefined;
  /**
   * Refresh (or re-exchange) this long before a token expires, in ms; capped at half of a
   * token's lifetime when the token states it. Default: {@link DEFAULT_SKEW_MS} (30 s).
   */
  readonly skewMs?: number | undefined;
  /**
   * How long the core token read from the store is used from memory before the store is read
   * again, in ms; another process's login or logout shows after at most this long. `0` reads
   * the store on every call. Default: {@link DEFAULT_RELOAD_AFTER_MS} (1 s).
   */
  readonly reloadAfterMs?: number | undefined;
}

/**
 * What {@link TokenManager.token} hands out a token for.
 */
export interface TokenRequest {
  /**
   * Where the token will be presented: an absolute URI (the API's base URL or its RFC 8707
   * resource indicator). Decides the shortcuts, and is the exchange's `resource`.
   */
  readonly resource: string;
  /** The RFC 8693 `audience` to ask for. Default: none (the server picks from `resource`). */
  readonly audience?: string | undefined;
  /** The RFC 8693 `requested_token_type`. Default: the manager's `requestedTokenType`. */
  readonly requestedTokenType?: string | undefined;
  /** The `scope` to ask the exchange for. Default: the manager's `scope`. */
  readonly scope?: string | readonly string[] | undefined;
}

/**
 * Options of the manager's calls.
 */
export interface TokenCallOptions {
  /**
   * Stops this call's wait (for the store, the lock, the server); it then rejects with core's
   * `AbortError` (or the store's or lock's own). A refresh shared with other callers goes on
   * for them. Default: none.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The options after validation and defaults.
 * @internal
 */
export interface ResolvedOptions {
  readonly issuer: string;
  readonly profile: string;
  readonly key: string;
  readonly clientId: string;
  readonly store: TokenStore;
  readonly lockDir: string | undefined;
  readonly lockTimeoutMs: number | undefined;
  readonly lockStaleMs: number | undefined;
  readonly endpoints: TokenManagerEndpoints | undefined;
  readonly requestedTokenType: string;
  readonly subjectTokenType: string;
  readonly scope: string;
  readonly http: HttpOptions;
  readonly skewMs: number;
  readonly reloadAfterMs: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Validates the options and fills in the defaults. Pure.
 *
 * @throws TypeError naming the first option that is missing or invalid.
 * @internal
 */
export function resolveOptions(options: TokenManagerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('new TokenManager(options): pass { issuer, clientId, store }');
  }
  if (options.issuer === undefined || options.issuer === '') {
    throw new TypeError('options.issuer is required: the absolute URL of the issuer');
  }
  const issuer = normalizeIssuer(options.issuer);
  if (!isText(options.clientId)) {
    throw new TypeError('options.clientId is required: a non-empty string');
  }
  const store = options.store;
  if (
    typeof store !== 'object' ||
    store === null ||
    typeof store.load !== 'function' ||
    typeof store.save !== 'function' ||
    typeof store.delete !== 'function'
  ) {
    throw new TypeError('options.store is required: a TokenStore with load, save and delete');
  }
  const profile = options.profile ?? DEFAULT_PROFILE;
  const key = storeKey({ issuer, profile });
  if (options.lockDir !== undefined && !isAbsolutePath(options.lockDir)) {
    throw new TypeError('options.lockDir must be an absolute path');
  }
  for (const name of ['requestedTokenType', 'subjectTokenType', 'userAgent'] as const) {
    if (options[name] !== undefined && !isText(options[name])) {
      throw new TypeError(`options.${name} must be a non-empty string without control characters`);
    }
  }
  return {
    issuer,
    profile,
    key,
    clientId: options.clientId,
    store,
    lockDir: options.lockDir,
    lockTimeoutMs: optionalMs(options.lockTimeoutMs, 'lockTimeoutMs'),
    lockStaleMs: staleMs(options.lockStaleMs),
    endpoints: resolveEndpoints(options.endpoints),
    requestedTokenType: options.requestedTokenType ?? TOKEN_TYPE_ACCESS_TOKEN,
    subjectTokenType: options.subjectTokenType ?? TOKEN_TYPE_ACCESS_TOKEN,
    scope: sortedScope(options.scope),
    http: {
      userAgent: options.userAgent,
      allowInsecureHttp: options.allowInsecureHttp === true,
      dispatcher: options.dispatcher,
      timeoutMs: optionalMs(options.timeoutMs, 'timeoutMs'),
    },
    skewMs: optionalMs(options.skewMs, 'skewMs') ?? DEFAULT_SKEW_MS,
    reloadAfterMs: optionalMs(options.reloadAfterMs, 'reloadAfterMs') ?? DEFAULT_RELOAD_AFTER_MS,
  };
}

/**
 * Checks a request to {@link TokenManager.token} (cheaply: the resource is parsed only on the
 * way to an exchange or shortcut decision).
 *
 * @throws TypeError for a missing resource or a field of the wrong type.
 * @internal
 */
export function assertTokenRequest(request: TokenRequest): void {
  if (typeof request !== 'object' || request === null || !isText(request.resource)) {
    throw new TypeError('token(request): request.resource must be an absolute URI');
  }
  for (const name of ['audience', 'requestedTokenType'] as const) {
    if (request[name] !== undefined && !isText(request[name])) {
      throw new TypeError(`token(request): request.${name} must be a non-empty string`);
    }
  }
}

/**
 * Checks what only the slow path needs: the resource is an absolute URI without a fragment
 * (RFC 8707 §2), and the scope has no control characters.
 *
 * @throws TypeError when not.
 * @internal
 */
export function assertResource(resource: string, scope: string): void {
  if (!URL.canParse(resource) || resource.includes('#')) {
    throw new TypeError(
      'token(request): request.resource must be an absolute URI without a fragment (RFC 8707 §2)',
    );
  }
  if (CONTROL.test(scope)) throw new TypeError('token(request): scope has control characters');
}

function resolveEndpoints(
  endpoints: TokenManagerEndpoints | undefined,
): TokenManagerEndpoints | undefined {
  if (endpoints === undefined) return undefined;
  if (typeof endpoints !== 'object' || endpoints === null) {
    throw new TypeError('options.endpoints must be an object { refresh?, exchange? }');
  }
  for (const name of ['refresh', 'exchange'] as const) {
    const url = endpoints[name];
    if (url !== undefined && !(url instanceof URL) && !(isText(url) && URL.canParse(url))) {
      throw new TypeError(`options.endpoints.${name} must be an absolute URL`);
    }
  }
  return { refresh: endpoints.refresh, exchange: endpoints.exchange };
}

function staleMs(value: number | undefined): number | undefined {
  const ms = optionalMs(value, 'lockStaleMs');
  if (ms !== undefined && ms < MIN_LOCK_STALE_MS) {
    throw new TypeError(`options.lockStaleMs must be at least ${MIN_LOCK_STALE_MS} ms`);
  }
  return ms;
}

function optionalMs(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`options.${name} must be a finite number of milliseconds >= 0`);
  }
  return value;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !CONTROL.test(value);
}

function isAbsolutePath(value: unknown): boolean {
  return typeof value === 'string' && isAbsolute(value);
}
