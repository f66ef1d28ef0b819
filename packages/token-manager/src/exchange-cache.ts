import { createHash } from 'node:crypto';

/** How many exchanged tokens the cache keeps at most; the oldest entry goes first. */
const DEFAULT_MAX_ENTRIES = 256;

interface CachedExchange {
  readonly token: string;
  /** Local-clock instant from which the entry is no longer handed out. */
  readonly deadline: number;
}

/**
 * The in-memory cache of exchanged tokens (RFC 8693), keyed by {@link exchangeCacheKey}. An
 * entry is handed out until its deadline (its expiry minus the skew); a token without an
 * expiry is never cached.
 * @internal
 */
export class ExchangeCache {
  readonly #entries = new Map<string, CachedExchange>();
  readonly #maxEntries: number;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  /** The number of entries held, expired ones included until they are looked up. */
  get size(): number {
    return this.#entries.size;
  }

  /** The cached token under `key` while `now` is before its deadline; drops it after. */
  get(key: string, now: number): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (now < entry.deadline) return entry.token;
    this.#entries.delete(key);
    return undefined;
  }

  /**
   * Keeps `token` under `key` until `deadline`.
   *
   * @returns `false` (nothing kept) when the deadline is not after `now` or not finite.
   */
  set(key: string, token: string, deadline: number, now: number): boolean {
    if (!(deadline > now) || !Number.isFinite(deadline)) return false;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      for (const [old, entry] of this.#entries) {
        if (entry.deadline <= now) this.#entries.delete(old);
      }
      const oldest = this.#entries.keys().next();
      if (this.#entries.size >= this.#maxEntries && oldest.done !== true) {
        this.#entries.delete(oldest.value);
      }
    }
    this.#entries.set(key, { token, deadline });
    return true;
  }

  /** Drops the entry under `key`. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every entry holding `token` (one a resource server refused). */
  deleteToken(token: string): void {
    for (const [key, entry] of this.#entries) {
      if (entry.token === token) this.#entries.delete(key);
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The SHA-256 of a token, hex: what the cache keys on instead of the token itself. Pure.
 * @internal
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The key of one exchange: which core token it was made from (by hash) and what was asked for
 * (see {@link exchangeRouteKey}). Pure.
 * @internal
 */
export function exchangeCacheKey(coreTokenHash: string, routeKey: string): string {
  return `${coreTokenHash}\n${routeKey}`;
}

/**
 * What one token request asks for, as a string: resource, audience, requested token type and
 * the scope in sorted order, separated by newlines (which none of them may contain). Pure.
 * @internal
 */
export function exchangeRouteKey(
  resource: string,
  audience: string | undefined,
  requestedTokenType: string,
  sortedScope: string,
): string {
  return `${resource}\n${audience ?? ''}\n${requestedTokenType}\n${sortedScope}`;
}

/**
 * A scope as one canonical string: its space-separated tokens, deduplicated and sorted, so
 * `'b a'`, `'a b'` and `['a', 'b']` share a cache entry. Pure.
 *
 * @throws TypeError when `scope` is not a string or a list of strings.
 * @internal
 */
export function sortedScope(scope: string | readonly string[] | undefined): string {
  if (scope === undefined) return '';
  const parts = typeof scope === 'string' ? [scope] : scope;
  if (!Array.isArray(parts) || parts.some((part) => typeof part !== 'string')) {
    throw new TypeError('scope must be a string or a list of strings');
  }
  const tokens = new Set<string>();
  for (const part of parts as readonly string[]) {
    for (const token of part.split(' ')) if (token !== '') tokens.add(token);
  }
  return [...tokens].sort().join(' ');
}
