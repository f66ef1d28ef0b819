import type { HttpOptions } from '@latch/core';

/**
 * The options every `@latch/device-grant` function shares: core's `HttpOptions` (timeout,
 * size cap, signal, transport, `now`, `allowInsecureHttp`…), applied to each request, and the
 * public client's id.
 */
export interface DeviceGrantOptions extends HttpOptions {
  /** The client's `client_id` (a public client: no secret). Required. */
  readonly clientId: string;
  /**
   * Cancels the flow: a wait between polls, the request in flight, or discovery. The function
   * then rejects with core's `AbortError` at once. Default: none.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Returns the current time in epoch milliseconds: `expiresAt`, the poll deadline and
   * `Retry-After` dates are measured with it. Default: `Date.now`.
   */
  readonly now?: (() => number) | undefined;
  /**
   * How the poller waits between polls; must reject (with core's `AbortError`) as soon as
   * `signal` aborts. Default: core's `sleep` (a real timer). Only the waits between polls use
   * it: each request's deadline (`timeoutMs`) keeps core's own timer, so a test `sleep` that
   * returns at once speeds polling up without cutting requests short.
   */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * Copies the options meant for core's HTTP calls: everything but `sleep` (see
 * {@link DeviceGrantOptions.sleep}) and this package's own fields.
 *
 * @param options - The caller's options.
 * @returns Options for `postForm`, `requestToken` and `discoverIssuer`.
 * @internal
 */
export function httpOptionsOf(options: HttpOptions): HttpOptions {
  return { ...options, sleep: undefined };
}

/**
 * Checks `clientId` the way every function of the package does.
 *
 * @param options - The caller's options.
 * @param caller - The function name for the message.
 * @throws TypeError when `clientId` is not a non-empty string.
 * @internal
 */
export function checkClientId(
  options: { readonly clientId?: unknown } | undefined,
  caller: string,
): string {
  const clientId = options?.clientId;
  if (typeof clientId !== 'string' || clientId.length === 0) {
    throw new TypeError(`${caller}: options.clientId must be a non-empty string`);
  }
  return clientId;
}
