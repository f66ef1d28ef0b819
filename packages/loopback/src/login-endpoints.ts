import {
  assertSecureEndpoint,
  type DiscoverIssuerOptions,
  discoverIssuer,
  InvalidResponseError,
} from '@latch/core';

/**
 * The endpoints of an authorization server that has no metadata document (given by hand
 * instead of discovered).
 */
export interface LoginEndpoints {
  /** The `authorization_endpoint` the browser opens. */
  readonly authorizationEndpoint: string;
  /** The `token_endpoint` the code is redeemed at. */
  readonly tokenEndpoint: string;
  /**
   * The issuer identifier, exactly as the server writes it in RFC 9207 `iss`; when given, a
   * callback's `iss` must equal it. Default: none.
   */
  readonly issuer?: string | undefined;
  /**
   * Whether the server always sends `iss` (its `authorization_response_iss_parameter_supported`);
   * then a callback without one is refused. Needs `issuer`. Default: `false`.
   */
  readonly issParameterSupported?: boolean | undefined;
}

/**
 * Finds the endpoints of a login: discovers them from `issuer` (RFC 8414 / OpenID Discovery)
 * or takes the given ones; the authorization endpoint must be `https:` (or loopback).
 *
 * @internal
 */
export async function resolveLoginEndpoints(
  source: {
    readonly issuer?: string | URL | undefined;
    readonly endpoints?: LoginEndpoints | undefined;
  },
  options: DiscoverIssuerOptions,
): Promise<LoginEndpoints> {
  let endpoints: LoginEndpoints;
  if (source.endpoints !== undefined) {
    endpoints = source.endpoints;
    if (endpoints.issParameterSupported === true && endpoints.issuer === undefined) {
      throw new TypeError('browserLogin: endpoints.issParameterSupported needs endpoints.issuer');
    }
  } else {
    const metadata = await discoverIssuer(source.issuer as string | URL, options);
    if (metadata.authorizationEndpoint === undefined) {
      throw new InvalidResponseError(
        `The metadata of ${metadata.issuer} names no authorization_endpoint, so a browser login is impossible. Use the device login instead.`,
        { field: 'authorization_endpoint' },
      );
    }
    endpoints = {
      authorizationEndpoint: metadata.authorizationEndpoint,
      tokenEndpoint: metadata.tokenEndpoint,
      issuer: metadata.issuer,
      issParameterSupported: metadata.authorizationResponseIssParameterSupported === true,
    };
  }
  assertSecureEndpoint(endpoints.authorizationEndpoint, options);
  return endpoints;
}
