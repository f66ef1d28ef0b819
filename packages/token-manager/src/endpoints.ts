import {
  type AuthorizationServerMetadata,
  abortable,
  discoverIssuer,
  type HttpOptions,
} from '@latch/core';
import { TOKEN_EXCHANGE_GRANT_TYPE } from '@latch/sts-exchange';
import type { TokenManagerEndpoints } from './token-manager-options.js';

/**
 * The grant endpoints as configured, or discovered from the issuer once on first need (a
 * failed discovery is not remembered: the next need tries again).
 * @internal
 */
export class EndpointResolver {
  readonly #issuer: string;
  readonly #given: TokenManagerEndpoints | undefined;
  readonly #http: () => HttpOptions;
  #discovered: Promise<TokenManagerEndpoints> | undefined;

  constructor(issuer: string, given: TokenManagerEndpoints | undefined, http: () => HttpOptions) {
    this.#issuer = issuer;
    this.#given = given;
    this.#http = http;
  }

  /** The refresh endpoint, or `undefined` when none is configured. */
  async refresh(signal: AbortSignal | undefined): Promise<string | URL | undefined> {
    return (await this.#endpoints(signal)).refresh;
  }

  /** The exchange endpoint, or `undefined` when none is configured or advertised. */
  async exchange(signal: AbortSignal | undefined): Promise<string | URL | undefined> {
    return (await this.#endpoints(signal)).exchange;
  }

  #endpoints(signal: AbortSignal | undefined): Promise<TokenManagerEndpoints> {
    if (this.#given !== undefined) return Promise.resolve(this.#given);
    if (this.#discovered === undefined) {
      const discovering = discoverIssuer(this.#issuer, this.#http()).then(endpointsFrom);
      this.#discovered = discovering;
      discovering.catch(() => {
        if (this.#discovered === discovering) this.#discovered = undefined;
      });
    }
    return abortable(this.#discovered, signal);
  }
}

/**
 * The endpoints an issuer's metadata gives: its token endpoint for refreshes (a refresh token
 * is always redeemed where it was issued, RFC 6749 §6), and for exchanges only when
 * `grant_types_supported` lists the token exchange grant. Pure.
 * @internal
 */
export function endpointsFrom(metadata: AuthorizationServerMetadata): TokenManagerEndpoints {
  const exchanges = metadata.grantTypesSupported?.includes(TOKEN_EXCHANGE_GRANT_TYPE) === true;
  return {
    refresh: metadata.tokenEndpoint,
    exchange: exchanges ? metadata.tokenEndpoint : undefined,
  };
}
