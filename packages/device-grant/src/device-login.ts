import { abortable, discoverIssuer, type TokenSet } from '@latch/core';
import type { DeviceVerification } from './device-authorization.js';
import { checkClientId, httpOptionsOf } from './device-grant-options.js';
import { type PollDeviceTokenOptions, pollDeviceToken } from './poll-device-token.js';
import { type RequestDeviceCodeOptions, requestDeviceCode } from './request-device-code.js';
import { endpointOf } from './resolve-endpoint.js';

/**
 * Options of {@link deviceLogin}: give `issuer`, or both `deviceAuthorizationEndpoint` and
 * `tokenEndpoint`.
 */
export interface DeviceLoginOptions
  extends Omit<RequestDeviceCodeOptions, 'issuer'>,
    Omit<PollDeviceTokenOptions, 'issuer'> {
  /** The issuer, discovered once for both endpoints. Default: none (give both endpoints). */
  readonly issuer?: string | URL | undefined;
  /**
   * Shows the user where to go and which code to enter (RFC 8628 §3.3): print it, open a
   * browser at `verificationUriComplete`, draw a QR code… It may return a promise, which is
   * awaited (cancelled by `signal`) before polling starts; what it throws ends the login.
   * Required.
   */
  readonly onVerification: (verification: DeviceVerification) => void | Promise<void>;
}

/**
 * Logs in with the device authorization grant, start to finish: requests the codes
 * ({@link requestDeviceCode}), hands the user code and verification URI to `onVerification`,
 * polls until the user approves ({@link pollDeviceToken}), and returns the tokens.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3 | RFC 8628 §3.1–3.5}
 * @param options - The issuer or both endpoints, the client id, scope, `onVerification`,
 *   `onWait`, `signal`, `now`, `sleep`, HTTP options.
 * @returns The tokens.
 * @throws TypeError for a missing `clientId` or `onVerification`, or an unclear choice of
 *   issuer and endpoints.
 * @throws Everything {@link requestDeviceCode} and {@link pollDeviceToken} throw, and what
 *   `onVerification` throws.
 * @example
 * ```ts
 * const tokens = await deviceLogin({
 *   issuer: 'https://login.example.com',
 *   clientId: 'my-cli',
 *   scope: 'openid offline_access',
 *   onVerification: ({ verificationUri, userCode }) => {
 *     console.error(`Open ${verificationUri} and enter the code ${userCode}`);
 *   },
 * });
 * ```
 */
export async function deviceLogin(options: DeviceLoginOptions): Promise<TokenSet> {
  checkClientId(options, 'deviceLogin');
  const onVerification = options.onVerification;
  if (typeof onVerification !== 'function') {
    throw new TypeError('deviceLogin: options.onVerification must be a function');
  }
  const { issuer, deviceAuthorizationEndpoint, tokenEndpoint } = options;
  const explicit = deviceAuthorizationEndpoint !== undefined && tokenEndpoint !== undefined;
  const none = deviceAuthorizationEndpoint === undefined && tokenEndpoint === undefined;
  if (issuer === undefined ? !explicit : !none) {
    throw new TypeError(
      'deviceLogin: pass options.issuer, or both options.deviceAuthorizationEndpoint and options.tokenEndpoint',
    );
  }
  let endpoints = { deviceAuthorizationEndpoint, tokenEndpoint };
  if (issuer !== undefined) {
    const metadata = await discoverIssuer(issuer, httpOptionsOf(options));
    endpoints = {
      deviceAuthorizationEndpoint: endpointOf(metadata, 'deviceAuthorizationEndpoint'),
      tokenEndpoint: metadata.tokenEndpoint,
    };
  }
  const authorization = await requestDeviceCode({ ...options, ...endpoints, issuer: undefined });
  const { deviceCode: _secret, ...verification } = authorization;
  await abortable(
    Promise.resolve().then(() => onVerification(verification)),
    options.signal,
    'onVerification',
  );
  return pollDeviceToken(authorization, { ...options, ...endpoints, issuer: undefined });
}
