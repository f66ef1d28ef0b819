import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link DeviceFlowUnsupportedError}.
 */
export interface DeviceFlowUnsupportedErrorOptions extends LatchErrorOptions {
  /** The issuer whose metadata has no `device_authorization_endpoint`. */
  readonly issuer: string;
}

/**
 * The issuer's metadata advertises no `device_authorization_endpoint`, so it offers no device
 * flow (or does not announce it).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8628#section-4 | RFC 8628 §4}
 */
export class DeviceFlowUnsupportedError extends LatchError<'device_flow_unsupported'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'DeviceFlowUnsupportedError';
  /** The issuer whose metadata has no `device_authorization_endpoint`. */
  readonly issuer: string;

  /**
   * @param options - The issuer.
   */
  constructor(options: DeviceFlowUnsupportedErrorOptions) {
    super(
      'device_flow_unsupported',
      `The issuer ${options.issuer} does not advertise a device_authorization_endpoint. Use another login method, or pass the endpoint explicitly if you know the server has one.`,
      options,
    );
    this.issuer = options.issuer;
  }

  /**
   * Tells whether `value` is a {@link DeviceFlowUnsupportedError} from any copy of
   * `@latch/device-grant`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'device_flow_unsupported'`.
   */
  static override isInstance(value: unknown): value is DeviceFlowUnsupportedError {
    return LatchError.isInstance(value) && value.code === 'device_flow_unsupported';
  }
}
