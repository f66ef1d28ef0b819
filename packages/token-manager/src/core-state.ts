import type { TokenSet } from '@latch/core';
import { hashToken } from './exchange-cache.js';
import { type ExpiryPolicy, readClaims, refreshDeadline } from './token-expiry.js';
import { audienceOf } from './token-route.js';

/**
 * How a request is served.
 * @internal
 */
export interface Route {
  /** The exchange cache key, or `undefined` when the core token itself serves the request. */
  readonly cacheKey: string | undefined;
}

/**
 * The route decisions made for one core token.
 * @internal
 */
export interface RouteTable {
  /** Requests that name only a resource, by resource (the fast path). */
  readonly plain: Map<string, Route>;
  /** Other requests, by route key. */
  readonly detailed: Map<string, Route>;
}

/**
 * The core token as the manager holds it in memory.
 * @internal
 */
export interface CoreState {
  /** The stored token set. */
  readonly tokens: TokenSet;
  /** Local-clock instant from which it needs a refresh. */
  readonly deadline: number;
  /** SHA-256 of the access token, for exchange cache keys. */
  readonly hash: string;
  /** Its `aud`, when the access token is a JWT with one. */
  readonly audience: readonly string[] | undefined;
  /** How each request is served with this token, decided once. */
  readonly routes: RouteTable;
  /** Monotonic instant it was read from, or written to, the store. */
  readonly loadedAt: number;
}

/**
 * The in-memory state of `tokens`, reusing what `previous` already worked out when it holds the
 * same access token (its hash, audience and route decisions). Pure.
 *
 * @param tokens - The core token set, as stored.
 * @param previous - The state held so far, if any.
 * @param policy - Skew and clock offset, for the deadline.
 * @param loadedAt - The monotonic clock now.
 * @internal
 */
export function buildCoreState(
  tokens: TokenSet,
  previous: CoreState | undefined,
  policy: ExpiryPolicy,
  loadedAt: number,
): CoreState {
  const same = previous !== undefined && previous.tokens.accessToken === tokens.accessToken;
  const claims = readClaims(tokens.accessToken);
  return {
    tokens,
    deadline: refreshDeadline(tokens, policy, claims),
    hash: same ? previous.hash : hashToken(tokens.accessToken),
    audience: same ? previous.audience : audienceOf(claims),
    routes: same ? previous.routes : { plain: new Map(), detailed: new Map() },
    loadedAt,
  };
}
