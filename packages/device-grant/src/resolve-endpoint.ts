import { type AuthorizationServerMetadata, discoverIssuer, type HttpOptions } from '@latch/core';
import { DeviceFlowUnsupportedError } from './device-flow-unsupported-error.js';

/**
 * Where a device-grant call sends its request: an endpoint given outright, or one read from
 * the issuer's metadata.
 * @internal
 */
export interface EndpointSource {
  readonly endpoint: string | URL | undefined;
  readonly issuer: string | URL | undefined;
}

/**
 * Returns the endpoint given, or discovers the issuer and returns the metadata's one.
 *
 * @param source - The endpoint or the issuer; exactly one.
 * @param pick - Which metadata endpoint to use.
 * @param names - Option names for the TypeError message: [endpoint option, caller].
 * @param options - HTTP options for discovery.
 * @returns The endpoint URL.
 * @throws TypeError unless exactly one of endpoint and issuer is given.
 * @throws {@link DeviceFlowUnsupportedError} when the metadata lacks the endpoint.
 * @internal
 */
export async function resolveEndpoint(
  source: EndpointSource,
  pick: 'deviceAuthorizationEndpoint' | 'tokenEndpoint',
  names: readonly [option: string, caller: string],
  options: HttpOptions,
): Promise<string | URL> {
  const [option, caller] = names;
  if ((source.endpoint === undefined) === (source.issuer === undefined)) {
    throw new TypeError(`${caller}: pass exactly one of options.${option} and options.issuer`);
  }
  if (source.endpoint !== undefined) return source.endpoint;
  const metadata = await discoverIssuer(source.issuer as string | URL, options);
  return endpointOf(metadata, pick);
}

/**
 * Reads an endpoint from metadata.
 *
 * @param metadata - The discovered metadata.
 * @param pick - Which endpoint.
 * @returns The endpoint.
 * @throws {@link DeviceFlowUnsupportedError} when the device authorization endpoint is absent.
 * @internal
 */
export function endpointOf(
  metadata: AuthorizationServerMetadata,
  pick: 'deviceAuthorizationEndpoint' | 'tokenEndpoint',
): string {
  const endpoint = metadata[pick];
  if (endpoint === undefined) {
    throw new DeviceFlowUnsupportedError({ issuer: metadata.issuer });
  }
  return endpoint;
}
