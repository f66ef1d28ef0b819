import type { Provider } from 'oidc-provider';

/**
 * How many token requests the issuer answered, per `grant_type`. Tests use it to assert that a
 * client refreshed exactly once, never hit the token endpoint, and so on.
 *
 * The grant types the issuer serves are `authorization_code`, `refresh_token`,
 * `urn:ietf:params:oauth:grant-type:device_code` and
 * `urn:ietf:params:oauth:grant-type:token-exchange`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @example
 * ```ts
 * issuer.grants.reset();
 * await client.refresh();
 * expect(issuer.grants.count('refresh_token')).toBe(1);
 * ```
 */
export interface GrantCounter {
  /** Successful token responses for `grantType` since the start or the last {@link reset}. */
  count(grantType: string): number;
  /**
   * Error responses for `grantType`, including `authorization_pending` answers to device-code
   * polls, `invalid_grant` and server errors.
   */
  failures(grantType: string): number;
  /** Successful token responses per grant type (types never served are absent). */
  snapshot(): Record<string, number>;
  /** Sets every count back to zero. */
  reset(): void;
}

/** A {@link GrantCounter} plus the two calls the issuer records outcomes with. */
export interface RecordingGrantCounter extends GrantCounter {
  /** Counts one successful token response. */
  recordSuccess(grantType: string): void;
  /** Counts one error response. */
  recordFailure(grantType: string): void;
}

/**
 * Creates an empty grant counter.
 *
 * @example
 * ```ts
 * const counter = createGrantCounter();
 * counter.recordSuccess('refresh_token');
 * counter.snapshot(); // { refresh_token: 1 }
 * ```
 */
export function createGrantCounter(): RecordingGrantCounter {
  const successes = new Map<string, number>();
  const errors = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  return {
    count: (grantType) => successes.get(grantType) ?? 0,
    failures: (grantType) => errors.get(grantType) ?? 0,
    snapshot: () => Object.fromEntries(successes),
    reset: () => {
      successes.clear();
      errors.clear();
    },
    recordSuccess: (grantType) => bump(successes, grantType),
    recordFailure: (grantType) => bump(errors, grantType),
  };
}

/**
 * Feeds a counter from the provider's token endpoint events: `grant.success` after a token
 * response, `grant.error` for an error response, and `server_error` on the token route (which
 * oidc-provider reports instead of `grant.error`). Requests without a `grant_type` are not
 * counted.
 */
export function countGrants(provider: Provider, counter: RecordingGrantCounter): void {
  const grantTypeOf = (ctx: { oidc?: { params?: unknown } }): string | undefined => {
    const grantType = (ctx.oidc?.params as { grant_type?: unknown } | undefined)?.grant_type;
    return typeof grantType === 'string' ? grantType : undefined;
  };
  provider.on('grant.success', (ctx) => {
    const grantType = grantTypeOf(ctx);
    if (grantType !== undefined) counter.recordSuccess(grantType);
  });
  provider.on('grant.error', (ctx) => {
    const grantType = grantTypeOf(ctx);
    if (grantType !== undefined) counter.recordFailure(grantType);
  });
  provider.on('server_error', (ctx) => {
    const grantType = ctx.oidc?.route === 'token' ? grantTypeOf(ctx) : undefined;
    if (grantType !== undefined) counter.recordFailure(grantType);
  });
}
