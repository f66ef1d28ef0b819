import { postForm, resolveRuntime } from '@latch/core';
import type { DeviceAuthorization } from './device-authorization.js';
import { checkClientId, type DeviceGrantOptions, httpOptionsOf } from './device-grant-options.js';
import { parseDeviceAuthorizationResponse } from './parse-device-authorization.js';
import { resolveEndpoint } from './resolve-endpoint.js';

/**
 * Options of {@link requestDeviceCode}. Give exactly one of `deviceAuthorizationEndpoint` and
 * `issuer`.
 */
export interface RequestDeviceCodeOptions extends DeviceGrantOptions {
  /** The device authorization endpoint. Default: read from the `issuer`'s metadata. */
  readonly deviceAuthorizationEndpoint?: string | URL | undefined;
  /**
   * The issuer to discover (`discoverIssuer` from `@latch/core`); its
   * `device_authorization_endpoint` is used. Default: none.
   */
  readonly issuer?: string | URL | undefined;
  /** The `scope` to ask for: a space-separated string or a list. Default: none (the server's). */
  readonly scope?: string | readonly string[] | undefined;
  /** RFC 8707 `resource` indicators (one or several). Default: none. */
  readonly resource?: string | readonly string[] | undefined;
}

/**
 * Starts a device login: asks the device authorization endpoint for a device code and a user
 * code (RFC 8628 §3.1) and checks the answer (§3.2).
 *
 * The clock is read before the request goes out, so `expiresAt` errs early. The user code and
 * verification URIs come back cleaned for display, and a verification URI that is not https on
 * a remote host is refused. Nothing in an error ever quotes the codes.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.1 | RFC 8628 §3.1–3.2}
 * @param options - Where to send it, the client id, scope, and HTTP options.
 * @returns The device authorization, camelCase, `interval` defaulting to 5 seconds.
 * @throws TypeError for a missing `clientId`, neither or both of the endpoint and `issuer`, or a
 *   malformed option.
 * @throws `OAuthError` for the server's error (e.g. `invalid_client`, `invalid_scope`).
 * @throws `InvalidResponseError` for an answer missing a field or with one of the wrong type.
 * @throws {@link InsecureVerificationUriError} for a non-https verification URI on a remote host.
 * @throws {@link DeviceFlowUnsupportedError} when the issuer advertises no device endpoint, and
 *   whatever `postForm` and `discoverIssuer` throw (`TimeoutError`, `NetworkError`,
 *   `AbortError`, `InsecureEndpointError`, …).
 * @example
 * ```ts
 * const authorization = await requestDeviceCode({
 *   issuer: 'https://login.example.com',
 *   clientId: 'my-cli',
 *   scope: 'openid offline_access',
 * });
 * console.log(`Open ${authorization.verificationUri} and enter ${authorization.userCode}`);
 * ```
 */
export async function requestDeviceCode(
  options: RequestDeviceCodeOptions,
): Promise<DeviceAuthorization> {
  const clientId = checkClientId(options, 'requestDeviceCode');
  const scope = joinScope(options.scope);
  const resource = listOf(options.resource, 'resource');
  const http = httpOptionsOf(options);
  const { now } = resolveRuntime(http);
  const endpoint = await resolveEndpoint(
    { endpoint: options.deviceAuthorizationEndpoint, issuer: options.issuer },
    'deviceAuthorizationEndpoint',
    ['deviceAuthorizationEndpoint', 'requestDeviceCode'],
    http,
  );
  const requestedAt = now();
  const response = await postForm(endpoint, { scope, resource }, { ...http, client: { clientId } });
  return parseDeviceAuthorizationResponse(response.body, {
    requestedAt,
    status: response.status,
    allowInsecureHttp: options.allowInsecureHttp,
  });
}

function joinScope(scope: string | readonly string[] | undefined): string | undefined {
  if (typeof scope === 'string') return scope.trim() || undefined;
  const list = listOf(scope, 'scope');
  return list === undefined || list.length === 0 ? undefined : list.join(' ');
}

function listOf(
  value: string | readonly string[] | undefined,
  name: string,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length === 0)) {
    throw new TypeError(
      `requestDeviceCode: options.${name} must be a string or a list of non-empty strings`,
    );
  }
  return list;
}
