/**
 * The two protected resources the issuer mints access tokens for, as RFC 8707 resource
 * indicators. Each JWT access token's `aud` is exactly one of them.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
 */
export interface IssuerResources {
  /** `${issuer}/resources/api`, scope `api:read`; the default when a request names none. */
  readonly api: string;
  /** `${issuer}/resources/data`, scope `data:read`; reached by token exchange or `resource=`. */
  readonly data: string;
}

/** The scope each resource accepts (space-separated). */
export const RESOURCE_SCOPES = Object.freeze({ api: 'api:read', data: 'data:read' });

/**
 * The resource indicators of an issuer at `issuerUrl`.
 *
 * @example
 * ```ts
 * resourcesFor('http://127.0.0.1:4000').data; // 'http://127.0.0.1:4000/resources/data'
 * ```
 */
export function resourcesFor(issuerUrl: string): IssuerResources {
  return Object.freeze({
    api: `${issuerUrl}/resources/api`,
    data: `${issuerUrl}/resources/data`,
  });
}

/**
 * The scope string of a known resource indicator, or `undefined` for any other value (which
 * callers answer with `invalid_target`, RFC 8707 §2 and RFC 8693 §2.2.2).
 */
export function resourceScope(resources: IssuerResources, indicator: string): string | undefined {
  if (indicator === resources.api) return RESOURCE_SCOPES.api;
  if (indicator === resources.data) return RESOURCE_SCOPES.data;
  return undefined;
}
