import type { TokenSet } from '@latch/core';
import { abortable } from '@latch/core';
import { CoreSession } from './core-session.js';
import type { CoreState } from './core-state.js';
import { EndpointResolver } from './endpoints.js';
import { ResourceTokens } from './resource-tokens.js';
import { registerSeams } from './test-seams.js';
import {
  assertTokenRequest,
  resolveOptions,
  type TokenCallOptions,
  type TokenManagerOptions,
  type TokenRequest,
} from './token-manager-options.js';
import { isUnauthorizedError, isUnauthorizedResponse } from './unauthorized.js';

/**
 * Options of {@link TokenManager.withAutoRefresh}: which token to hand to the call (by default
 * the core token, for the issuer itself), how to recognise a refused token, and a signal.
 */
export interface WithAutoRefreshOptions extends TokenCallOptions, Partial<TokenRequest> {
  /**
   * Tells whether what the call threw means "this token was refused". Default:
   * {@link isUnauthorizedError} (HTTP 401, `invalid_token`). A returned 401 `Response` always
   * counts ({@link isUnauthorizedResponse}).
   */
  readonly isUnauthorized?: ((error: unknown) => boolean) | undefined;
}

/**
 * Hands out a usable bearer token for a resource: the stored core token (the login's access
 * token), silently refreshed when it nears expiry, or a token for another resource obtained by
 * an RFC 8693 exchange and cached in memory. One per process.
 *
 * Refreshes run once at a time: one shared flight for every concurrent caller in this process,
 * and, across processes, under a `@latch/proclock` lock inside which the store is read again —
 * if another process refreshed first, its token is used. A refused refresh token
 * (`invalid_grant`) ends the session only if the store still holds it; with rotating refresh
 * tokens, "refused" usually means another process rotated it first.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-6 | RFC 6749 §6} (refresh)
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2 | RFC 8693 §2} (exchange)
 * @example
 * ```ts
 * const manager = new TokenManager({
 *   issuer: 'https://login.example.com',
 *   clientId: 'mycli',
 *   store: new EncryptedFileStore({ service: 'mycli' }),
 * });
 * const token = await manager.tokenForResource('https://api.example.com');
 * ```
 */
export class TokenManager {
  /** The normalised issuer (RFC 3986 §6.2.2); with the profile, the session's store key. */
  readonly issuer: string;
  /** The profile name of the session. */
  readonly profile: string;
  readonly #session: CoreSession;
  readonly #resources: ResourceTokens;
  readonly #waiting = new Map<string, Promise<string>>();

  /**
   * @param options - The issuer, client id and store, and optional settings.
   * @throws TypeError when `issuer`, `clientId` or `store` is missing, the issuer is not an
   *   absolute http(s) URL, or another option is invalid.
   */
  constructor(options: TokenManagerOptions) {
    const resolved = resolveOptions(options);
    this.issuer = resolved.issuer;
    this.profile = resolved.profile;
    const endpoints = new EndpointResolver(resolved.issuer, resolved.endpoints, () => ({
      ...resolved.http,
      now: this.#session.seams.now,
    }));
    this.#session = new CoreSession(resolved, endpoints, () => this.#resources.clear());
    this.#resources = new ResourceTokens(resolved, this.#session, endpoints);
    registerSeams(this, {
      get: () => this.#session.seams,
      set: (seams) => {
        this.#session.seams = seams;
      },
    });
  }

  /**
   * A bearer token for `request.resource`, resolved in this order:
   * 1. no stored core token → {@link NotLoggedInError};
   * 2. the core token expired or near expiry (JWT `exp` when readable, else the stored
   *    `expiresAt`; minus `skewMs`) → it is refreshed first (no refresh token →
   *    {@link NotLoggedInError}; refused → {@link ReauthRequiredError}; no refresh endpoint →
   *    {@link NoRefreshEndpointError});
   * 3. the resource is the issuer and no audience is asked for → the core token;
   * 4. the core token's `aud` already contains the resource → the core token;
   * 5. otherwise an RFC 8693 exchange of the core token (no exchange endpoint →
   *    {@link NoExchangeEndpointError}), cached in memory until its expiry minus `skewMs`.
   *
   * @param request - The resource, and optionally audience, requested token type and scope.
   * @param options - Signal.
   * @returns The access token to send as `Authorization: Bearer …`.
   * @throws TypeError when `request.resource` is not an absolute URI.
   * @throws The errors above, and those of the store, the lock, `@latch/refresh`,
   *   `@latch/sts-exchange` and `@latch/core` (see the README's error table).
   * @example
   * ```ts
   * const token = await manager.token({ resource: 'https://data.example.com' });
   * ```
   */
  token(request: TokenRequest, options?: TokenCallOptions): Promise<string> {
    // The fast path: a fresh core token in memory, and a request naming only a resource seen
    // before. Everything else takes #token.
    const core = this.#session.fresh();
    if (core !== undefined && isPlain(request)) {
      const token = this.#resources.cached(core, request.resource);
      if (token !== undefined) return Promise.resolve(token);
    }
    return this.#token(core, request, options?.signal);
  }

  /** The rest of {@link TokenManager.token}: one promise per caller, however it resolves. */
  #token(
    core: CoreState | undefined,
    request: TokenRequest,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    try {
      assertTokenRequest(request);
      if (core !== undefined) return Promise.resolve(this.#resources.serve(core, request, signal));
    } catch (error) {
      return Promise.reject(error);
    }
    if (!isPlain(request)) {
      return this.#session
        .usable(signal)
        .then((fresh) => this.#resources.serve(fresh, request, signal));
    }
    // Concurrent callers for one resource (1000 at expiry) share one promise of its token.
    let shared = this.#waiting.get(request.resource);
    if (shared === undefined) {
      const resource = request.resource;
      const waiting = this.#session
        .usable(undefined)
        .then((fresh) => this.#resources.serve(fresh, { resource }, undefined));
      const clear = (): void => {
        if (this.#waiting.get(resource) === waiting) this.#waiting.delete(resource);
      };
      waiting.then(clear, clear);
      this.#waiting.set(resource, waiting);
      shared = waiting;
    }
    return abortable(shared, signal);
  }

  /**
   * A bearer token for the API at `url`: `token({ resource: url })`.
   *
   * @param url - The API's base URL (or its resource indicator).
   * @param options - Signal.
   * @returns The access token.
   * @throws As {@link TokenManager.token} does.
   * @example
   * ```ts
   * const token = await manager.tokenForResource('https://api.example.com');
   * ```
   */
  tokenForResource(url: string | URL, options?: TokenCallOptions): Promise<string> {
    return this.token({ resource: url instanceof URL ? url.href : url }, options);
  }

  /**
   * Makes sure the core token is fresh: reads the store once and returns what it holds while
   * it is not near expiry (no grant), else refreshes it as {@link TokenManager.token} would. Use
   * it to warm the session at start-up and ask for a login before the first real call.
   *
   * @param options - Signal.
   * @returns The fresh core token set.
   * @throws {@link NotLoggedInError}, {@link ReauthRequiredError}, {@link NoRefreshEndpointError},
   *   and the errors of the store, the lock and the refresh grant.
   */
  async refresh(options?: TokenCallOptions): Promise<TokenSet> {
    return (await this.#session.reload(options?.signal)).tokens;
  }

  /**
   * Stores the token set of a new login as the core token, and forgets every exchanged token,
   * so a login as someone else never gets the previous user's tokens. Waits for a refresh in
   * flight (this process's, or another's under the lock), so that refresh cannot overwrite it.
   *
   * @param tokens - The login's tokens (an access token is required).
   * @param options - Signal.
   * @throws TypeError when `tokens.accessToken` is missing or empty — before anything is
   *   touched — or the store refuses the token set.
   * @throws The store's and the lock's errors.
   */
  async saveCoreToken(tokens: TokenSet, options?: TokenCallOptions): Promise<void> {
    if (
      typeof tokens !== 'object' ||
      tokens === null ||
      typeof tokens.accessToken !== 'string' ||
      tokens.accessToken.length === 0
    ) {
      throw new TypeError('saveCoreToken(tokens): tokens.accessToken must be a non-empty string');
    }
    await this.#session.save(tokens, options?.signal);
  }

  /**
   * Deletes the stored core token (a logout), then the exchanged tokens made from it. The store
   * goes first: if it fails, nothing in memory is dropped. Waits for a refresh in flight, so that
   * refresh cannot bring the session back.
   *
   * @param options - Signal.
   * @throws The store's and the lock's errors.
   */
  async deleteCoreToken(options?: TokenCallOptions): Promise<void> {
    await this.#session.remove(options?.signal);
  }

  /**
   * What the store holds for this issuer and profile, as it is: one store read, no refresh.
   *
   * @param options - Signal.
   * @returns The stored core token set, or `undefined` when none is stored.
   * @throws The store's errors.
   */
  lookupCoreToken(options?: TokenCallOptions): Promise<TokenSet | undefined> {
    return this.#session.lookup(options?.signal);
  }

  /**
   * Runs `fn` with a bearer token; if it fails because the token was refused (HTTP 401 or
   * `invalid_token`, thrown or returned as a 401 `Response`), gets a new token — a forced
   * refresh of the core token, or a new exchange — and runs `fn` exactly once more.
   *
   * @param fn - The call to make with the token.
   * @param options - Which token (default: the core token, `resource` = the issuer), how to
   *   recognise a refusal, signal.
   * @returns What `fn` returned (the second time, if it ran twice).
   * @throws What `fn` threw (the second time, if it ran twice), and what
   *   {@link TokenManager.token} throws.
   * @example
   * ```ts
   * const response = await manager.withAutoRefresh(
   *   (token) => fetch(url, { headers: { authorization: `Bearer ${token}` } }),
   *   { resource: url },
   * );
   * ```
   */
  async withAutoRefresh<T>(
    fn: (token: string) => T | PromiseLike<T>,
    options?: WithAutoRefreshOptions,
  ): Promise<T> {
    if (typeof fn !== 'function') {
      throw new TypeError('withAutoRefresh(fn, options): fn must be a function');
    }
    const isUnauthorized = options?.isUnauthorized ?? isUnauthorizedError;
    const request: TokenRequest = {
      resource: options?.resource ?? this.issuer,
      audience: options?.audience,
      requestedTokenType: options?.requestedTokenType,
      scope: options?.scope,
    };
    const first = await this.token(request, options);
    try {
      const result = await fn(first);
      if (!isUnauthorizedResponse(result)) return result;
      await (result as { body?: { cancel?: () => Promise<void> } }).body?.cancel?.().catch(noop);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
    }
    await this.#renew(first, options?.signal);
    return fn(await this.token(request, options));
  }

  async #renew(refused: string, signal: AbortSignal | undefined): Promise<void> {
    if (this.#session.peek()?.tokens.accessToken === refused) {
      await this.#session.refresh(refused, signal);
    } else {
      this.#resources.forget(refused);
    }
  }
}

/** Whether a request names only a resource (the common case, served by the fast paths). */
function isPlain(request: TokenRequest): boolean {
  return (
    typeof request === 'object' &&
    request !== null &&
    request.audience === undefined &&
    request.requestedTokenType === undefined &&
    request.scope === undefined
  );
}

function noop(): void {}
