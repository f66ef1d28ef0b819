/**
 * The default polling interval, in seconds, when the device authorization response has no
 * `interval`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.2 | RFC 8628 §3.2}
 */
export const DEFAULT_INTERVAL_SECONDS = 5;

/**
 * A device authorization response (RFC 8628 §3.2), checked, in the form latch hands to callers:
 * camelCase, with the lifetime turned into an absolute time. The `deviceCode` is a secret:
 * never log or show it. The user code and URIs are cleaned for display.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.2 | RFC 8628 §3.2}
 */
export interface DeviceAuthorization {
  /** The `device_code` the client polls with; a secret, kept exactly as sent. */
  readonly deviceCode: string;
  /** The `user_code` to show the user, without control or invisible format characters. */
  readonly userCode: string;
  /** The `verification_uri` to show the user, cleaned the same way and checked (https). */
  readonly verificationUri: string;
  /**
   * The `verification_uri_complete` (the URI with the user code in it, for a link or QR code),
   * cleaned and checked like `verificationUri`, when the server sent one.
   */
  readonly verificationUriComplete?: string;
  /** The `expires_in`: the codes' lifetime in seconds, as the server stated it. */
  readonly expiresIn: number;
  /**
   * When the codes expire, in epoch milliseconds: the injected clock read before the request
   * was sent, plus `expiresIn` seconds. Polling never goes past it.
   */
  readonly expiresAt: number;
  /** The `interval`: the minimum seconds between polls; {@link DEFAULT_INTERVAL_SECONDS} if absent. */
  readonly interval: number;
}

/**
 * What the user needs to complete the login on another device, as handed to `onVerification`:
 * a {@link DeviceAuthorization} without the secret device code.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-3.3 | RFC 8628 §3.3}
 */
export type DeviceVerification = Omit<DeviceAuthorization, 'deviceCode'>;
