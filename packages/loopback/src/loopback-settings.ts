import type { ExpectedCallback } from './callback.js';
import type { LoopbackServerOptions } from './start-loopback-server.js';

/** {@link LoopbackServerOptions} checked and with defaults filled in. @internal */
export interface LoopbackSettings {
  readonly expected: ExpectedCallback;
  readonly hosts: readonly ['127.0.0.1' | '::1', ...string[]];
  readonly port: number;
  readonly callbackPath: string;
  readonly timeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly pageTimeoutMs: number;
  readonly appName: string;
}

/** The default of {@link LoopbackServerOptions.timeoutMs}: 5 minutes. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 300_000;
/** The default and the maximum of {@link LoopbackServerOptions.headersTimeoutMs}: 10 s. */
export const MAX_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_TIMEOUT_MS = 5_000;
// RFC 3986 path characters, without `%` (a path is compared as written, never decoded).
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * Checks the options of {@link startLoopbackServer} and fills in the defaults. Pure.
 *
 * @throws TypeError for any bad option; messages never echo the state.
 * @internal
 */
export function readLoopbackSettings(options: LoopbackServerOptions): LoopbackSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('startLoopbackServer: options with the login state are required');
  }
  if (typeof options.state !== 'string' || options.state.length === 0) {
    throw new TypeError('startLoopbackServer: options.state must be the non-empty login state');
  }
  if (options.expectedIssuer !== undefined && typeof options.expectedIssuer !== 'string') {
    throw new TypeError('startLoopbackServer: options.expectedIssuer must be a string');
  }
  if (options.issRequired === true && options.expectedIssuer === undefined) {
    throw new TypeError('startLoopbackServer: options.issRequired needs options.expectedIssuer');
  }
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new TypeError("startLoopbackServer: options.host must be '127.0.0.1' or '::1'");
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError('startLoopbackServer: options.port must be an integer from 0 to 65535');
  }
  const callbackPath = options.callbackPath ?? '/callback';
  if (
    typeof callbackPath !== 'string' ||
    !PATH.test(callbackPath) ||
    callbackPath.startsWith('/done/')
  ) {
    throw new TypeError(
      'startLoopbackServer: options.callbackPath must be an absolute path such as /callback, without query, fragment or percent-encoding',
    );
  }
  const appName = options.appName ?? 'the application';
  if (typeof appName !== 'string' || appName.length === 0) {
    throw new TypeError('startLoopbackServer: options.appName must be a non-empty string');
  }
  return {
    expected: {
      state: options.state,
      expectedIssuer: options.expectedIssuer,
      issRequired: options.issRequired === true,
    },
    hosts: host === '::1' ? ['::1', '127.0.0.1'] : ['127.0.0.1', '::1'],
    port,
    callbackPath,
    timeoutMs: duration('timeoutMs', options.timeoutMs, DEFAULT_LOGIN_TIMEOUT_MS),
    headersTimeoutMs: duration(
      'headersTimeoutMs',
      options.headersTimeoutMs,
      MAX_HEADERS_TIMEOUT_MS,
      MAX_HEADERS_TIMEOUT_MS,
    ),
    pageTimeoutMs: duration('pageTimeoutMs', options.pageTimeoutMs, DEFAULT_PAGE_TIMEOUT_MS),
    appName,
  };
}

function duration(
  name: string,
  value: number | undefined,
  fallback: number,
  max = 2_147_483_647,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new TypeError(
      `startLoopbackServer: options.${name} must be a number of milliseconds above 0 and at most ${max}`,
    );
  }
  return value;
}
