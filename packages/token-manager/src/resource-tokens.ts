import type { TokenSet } from '@latch/core';
import { abortable } from '@latch/core';
import type { CoreSession } from './core-session.js';
import type { CoreState, Route } from './core-state.js';
import type { EndpointResolver } from './endpoints.js';
import { NoExchangeEndpointError } from './errors.js';
import {
  ExchangeCache,
  exchangeCacheKey,
  exchangeRouteKey,
  sortedScope,
} from './exchange-cache.js';
import { refreshDeadline } from './token-expiry.js';
import {
  assertResource,
  type ResolvedOptions,
  type TokenRequest,
} from './token-manager-options.js';
import { usesCoreToken } from './token-route.js';

/** How many route decisions one core token keeps (a CLI talks to a handful of resources). */
const MAX_ROUTES = 64;

/**
 * Serves a request once the core token is fresh: the core token itself (the two shortcuts), a
 * cached exchanged token, or a new RFC 8693 exchange shared by concurrent callers.
 * @internal
 */
export class ResourceTokens {
  readonly #options: ResolvedOptions;
  readonly #session: CoreSession;
  readonly #endpoints: EndpointResolver;
  readonly #cache = new ExchangeCache();
  readonly #exchanges = new Map<string, Promise<string>>();

  constructor(options: ResolvedOptions, session: CoreSession, endpoints: EndpointResolver) {
    this.#options = options;
    this.#session = session;
    this.#endpoints = endpoints;
  }

  /** The fast path: the token for a request naming only `resource`, if decided and cached. */
  cached(core: CoreState, resource: string): string | undefined {
    const route = core.routes.plain.get(resource);
    if (route === undefined) return undefined;
    if (route.cacheKey === undefined) return core.tokens.accessToken;
    return this.#cache.get(route.cacheKey, this.#session.seams.now());
  }

  /** The token for `request`, with `core` fresh. */
  serve(
    core: CoreState,
    request: TokenRequest,
    signal: AbortSignal | undefined,
  ): string | Promise<string> {
    const route = this.#routeOf(core, request);
    if (route.cacheKey === undefined) return core.tokens.accessToken;
    const cached = this.#cache.get(route.cacheKey, this.#session.seams.now());
    if (cached !== undefined) return cached;
    return abortable(this.#sharedExchange(core, route.cacheKey, request), signal);
  }

  /** Forgets an exchanged token a resource server refused. */
  forget(token: string): void {
    this.#cache.deleteToken(token);
  }

  /** Forgets every exchanged token (a new login, a logout, a new core token). */
  clear(): void {
    this.#cache.clear();
  }

  /** How `request` is served with `core`: decided once per core token and request. */
  #routeOf(core: CoreState, request: TokenRequest): Route {
    const plain =
      request.audience === undefined &&
      request.requestedTokenType === undefined &&
      request.scope === undefined;
    const known = plain ? core.routes.plain.get(request.resource) : undefined;
    if (known !== undefined) return known;
    const config = this.#options;
    const scope = request.scope === undefined ? config.scope : sortedScope(request.scope);
    const routeKey = exchangeRouteKey(
      request.resource,
      request.audience,
      request.requestedTokenType ?? config.requestedTokenType,
      scope,
    );
    const table = plain ? core.routes.plain : core.routes.detailed;
    const key = plain ? request.resource : routeKey;
    const decided = table.get(key);
    if (decided !== undefined) return decided;
    assertResource(request.resource, scope);
    const viaCore = usesCoreToken({
      issuer: config.issuer,
      coreAudience: core.audience,
      resource: request.resource,
      audience: request.audience,
    });
    const route = { cacheKey: viaCore ? undefined : exchangeCacheKey(core.hash, routeKey) };
    if (table.size >= MAX_ROUTES) table.clear();
    table.set(key, route);
    return route;
  }

  #sharedExchange(core: CoreState, cacheKey: string, request: TokenRequest): Promise<string> {
    const running = this.#exchanges.get(cacheKey);
    if (running !== undefined) return running;
    const generation = this.#session.generation;
    const exchange = this.#exchange(core, request).then((tokens) => {
      // A login or logout meanwhile: the answer belongs to a session that is gone.
      if (generation === this.#session.generation) {
        const deadline = refreshDeadline(tokens, {
          skewMs: this.#options.skewMs,
          clockOffsetMs: this.#session.clockOffsetMs,
        });
        this.#cache.set(cacheKey, tokens.accessToken, deadline, this.#session.seams.now());
      }
      return tokens.accessToken;
    });
    this.#exchanges.set(cacheKey, exchange);
    const clear = (): void => {
      if (this.#exchanges.get(cacheKey) === exchange) this.#exchanges.delete(cacheKey);
    };
    exchange.then(clear, clear);
    return exchange;
  }

  async #exchange(core: CoreState, request: TokenRequest): Promise<TokenSet> {
    const config = this.#options;
    const endpoint = await this.#endpoints.exchange(undefined);
    if (endpoint === undefined) {
      throw new NoExchangeEndpointError({ issuer: config.issuer, profile: config.profile });
    }
    const scope = request.scope === undefined ? config.scope : sortedScope(request.scope);
    const seams = this.#session.seams;
    return seams.exchangeGrant({
      ...config.http,
      endpoint,
      clientId: config.clientId,
      subjectToken: core.tokens.accessToken,
      subjectTokenType: config.subjectTokenType,
      requestedTokenType: request.requestedTokenType ?? config.requestedTokenType,
      resource: request.resource,
      audience: request.audience,
      scope: scope === '' ? undefined : scope,
      now: seams.now,
    });
  }
}
