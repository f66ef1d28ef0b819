import { LatchError, type LatchErrorOptions } from '@latch/core';

/**
 * Options of {@link PortUnavailableError}.
 */
export interface PortUnavailableErrorOptions extends LatchErrorOptions {
  /** The loopback address that could not be bound (`127.0.0.1` or `::1`). */
  readonly host: string;
  /** The port asked for (0 when any free port was asked for). */
  readonly port: number;
}

/**
 * The loopback server could not listen: the fixed port asked for is taken (by another
 * program or another login), or the system refused the address. The bind error is chained as
 * `cause`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3}
 */
export class PortUnavailableError extends LatchError<'port_unavailable'> {
  /** The class name, shown in logs and stack traces. */
  override readonly name = 'PortUnavailableError';
  /** The loopback address that could not be bound. */
  readonly host: string;
  /** The port asked for (0 for any free port). */
  readonly port: number;

  /**
   * @param options - The address, port and bind error.
   */
  constructor(options: PortUnavailableErrorOptions) {
    const where = options.host.includes(':') ? `[${options.host}]` : options.host;
    super(
      'port_unavailable',
      options.port === 0
        ? `Could not listen on a free port of ${where}. Check that the loopback interface is up, then retry.`
        : `Could not listen on ${where}:${options.port}: the port is taken or not allowed. Stop the program using it, or choose another port (the authorization server must accept that redirect URI).`,
      options,
    );
    this.host = options.host;
    this.port = options.port;
  }

  /**
   * Tells whether `value` is a {@link PortUnavailableError} from any copy of `@latch/loopback`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a branded latch error whose code is `'port_unavailable'`.
   */
  static override isInstance(value: unknown): value is PortUnavailableError {
    return LatchError.isInstance(value) && value.code === 'port_unavailable';
  }
}
