import type { IncomingMessage, ServerResponse } from 'node:http';
import { AbortError, type OAuthError, type RuntimeOptions, resolveRuntime } from '@latch/core';
import { newState } from '@latch/pkce';
import type { Callback, ExpectedCallback } from './callback.js';
import { listenLoopback } from './listen-loopback.js';
import { LoginTimeoutError } from './login-timeout-error.js';
import { type LoopbackSettings, readLoopbackSettings } from './loopback-settings.js';
import { PAGES } from './pages.js';
import { PAGE_HEADERS, type PageContent, renderPage } from './render-page.js';
import { routeRequest } from './route-request.js';

/**
 * Options of {@link startLoopbackServer}.
 */
export interface LoopbackServerOptions extends ExpectedCallback, RuntimeOptions {
  /**
   * The IP literal the redirect URI names: `127.0.0.1`, or `::1` (written `[::1]`). The server
   * listens on both where the machine has them; when it lacks IPv6, only on `127.0.0.1`, and
   * the redirect URI says so. Never `localhost` (RFC 8252 §8.3). Default: `'127.0.0.1'`.
   */
  readonly host?: '127.0.0.1' | '::1' | undefined;
  /**
   * The port: 0 for a free one chosen by the system (RFC 8252 §7.3), or a fixed one for
   * servers that want an exact redirect URI, or for SSH port forwarding. Default: `0`.
   */
  readonly port?: number | undefined;
  /** The path of the redirect URI. Default: `'/callback'`. */
  readonly callbackPath?: string | undefined;
  /**
   * How long to wait for the callback before giving up with a {@link LoginTimeoutError}, in
   * milliseconds. Default: `300_000` (5 minutes).
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The limit for receiving one request's headers (and the whole request), in milliseconds;
   * a connection that sends nothing is closed after as long. At most `10_000`.
   * Default: `10_000`.
   */
  readonly headersTimeoutMs?: number | undefined;
  /**
   * After the callback, how long to wait for the browser to fetch the result page before
   * closing anyway, in milliseconds. Default: `5_000`.
   */
  readonly pageTimeoutMs?: number | undefined;
  /** The application name the result pages show. Default: `'the application'`. */
  readonly appName?: string | undefined;
  /** Stops waiting: `result` rejects with an `AbortError` and the port is released. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A running loopback redirect server, waiting for one callback.
 */
export interface LoopbackServer {
  /**
   * The redirect URI to send in the authorization request and again in the token request,
   * e.g. `http://127.0.0.1:49152/callback`.
   */
  readonly redirectUri: string;
  /** The port the server listens on. */
  readonly port: number;
  /** The addresses it listens on: `127.0.0.1` and, where the machine has it, `::1`. */
  readonly addresses: readonly string[];
  /**
   * Settles once, after the browser got its result page and the port is released: the
   * checked callback, or an `OAuthError` (the server's error response for this login, e.g.
   * `access_denied`), a {@link LoginTimeoutError}, or an `AbortError` (the signal, or
   * {@link LoopbackServer.close} before any callback).
   */
  readonly result: Promise<Callback>;
  /**
   * Stops the server at once and releases the port; a pending `result` rejects with an
   * `AbortError`. Safe to call more than once.
   *
   * @returns A promise that resolves once the port is free.
   */
  close(): Promise<void>;
}

type Outcome = { readonly callback: Callback } | { readonly error: unknown };

/**
 * Starts the loopback redirect server of a native app's browser login (RFC 8252 §7.3).
 *
 * It listens on `127.0.0.1` and, where the machine has it, `[::1]` on the same port (never
 * `0.0.0.0`, never shared), and answers only `GET` on the callback path. A callback counts
 * only when it passes {@link validateCallback} (state, RFC 9207 `iss`, no duplicates); anything
 * else gets a 4xx page and the login stays pending. The accepted callback is answered with a
 * 303 to a result page, so the code leaves the address bar; once that page is sent (or after
 * `pageTimeoutMs`), every socket is closed and `result` settles. Timeout and abort close it
 * the same way.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8252#section-7.3 | RFC 8252 §7.3, §8.3}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 * @param options - The expected state and issuer, address, port, path and time limits.
 * @returns The running server.
 * @throws TypeError for a bad option.
 * @throws {@link PortUnavailableError} when the address or fixed port cannot be bound.
 * @throws `AbortError` (core) when `signal` has already aborted.
 * @example
 * ```ts
 * const server = await startLoopbackServer({ state, expectedIssuer: metadata.issuer });
 * // …send the user to an authorization URL with redirect_uri = server.redirectUri…
 * const { code } = await server.result;
 * ```
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const settings = readLoopbackSettings(options);
  const { sleep } = resolveRuntime(options);
  const signal = options.signal;
  if (signal?.aborted) throw abortedBy(signal);

  const donePath = `/done/${newState({ bytes: 16 })}`;
  const timers = new AbortController();
  let accepted: Outcome | undefined;
  let finished = false;
  let settle!: (outcome: Outcome) => void;
  const result = new Promise<Callback>((resolve, reject) => {
    settle = (outcome) =>
      'callback' in outcome ? resolve(outcome.callback) : reject(outcome.error);
  });
  // Nobody may be listening when the caller closes early; that must not crash the process.
  result.catch(() => {});

  const finish = async (outcome: Outcome): Promise<void> => {
    if (finished) return listeners.close();
    finished = true;
    timers.abort();
    signal?.removeEventListener('abort', onAbort);
    await listeners.close();
    settle(outcome);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (finished) {
      res.destroy();
      return;
    }
    const decision = routeRequest(req.method, req.url, req.headers.host, {
      callbackPath: settings.callbackPath,
      donePath,
      accepted: accepted !== undefined,
      expected: settings.expected,
    });
    if (decision.kind === 'page') {
      sendPage(res, decision.status, decision.page, decision.allow);
    } else if (decision.kind === 'result' && accepted !== undefined) {
      const outcome = accepted;
      res.once('close', () => void finish(outcome));
      sendPage(res, 200, resultPage(settings, outcome));
    } else if (decision.kind === 'callback') {
      const { validation } = decision;
      if (validation.outcome === 'rejected') {
        sendPage(res, 400, PAGES.rejected(validation.error.reason));
        return;
      }
      const outcome: Outcome =
        validation.outcome === 'code'
          ? { callback: validation.callback }
          : { error: validation.error };
      accepted = outcome;
      sendRedirect(res, donePath);
      sleep(settings.pageTimeoutMs, timers.signal).then(
        () => void finish(outcome),
        () => {},
      );
    }
  };

  const listeners = await listenLoopback(handler, {
    hosts: settings.hosts,
    port: settings.port,
    headersTimeoutMs: settings.headersTimeoutMs,
  });

  const onAbort = (): void => {
    void finish({ error: abortedBy(signal as AbortSignal) });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  sleep(settings.timeoutMs, timers.signal).then(
    () => {
      if (accepted === undefined) {
        void finish({ error: new LoginTimeoutError({ timeoutMs: settings.timeoutMs }) });
      }
    },
    (error: unknown) => {
      if (!timers.signal.aborted) void finish({ error });
    },
  );

  const redirectHost = listeners.hosts[0] === '::1' ? '[::1]' : '127.0.0.1';
  return {
    redirectUri: `http://${redirectHost}:${listeners.port}${settings.callbackPath}`,
    port: listeners.port,
    addresses: listeners.hosts,
    result,
    close: () =>
      finish(
        accepted ?? {
          error: new AbortError('The loopback server was closed before the login completed.'),
        },
      ),
  };
}

function resultPage(settings: LoopbackSettings, outcome: Outcome): PageContent {
  return 'callback' in outcome
    ? PAGES.success(settings.appName)
    : PAGES.failure(settings.appName, outcome.error as OAuthError);
}

function sendPage(res: ServerResponse, status: number, page: PageContent, allow?: string): void {
  const body = renderPage(page);
  res.writeHead(status, {
    ...PAGE_HEADERS,
    ...(allow === undefined ? {} : { allow }),
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

function sendRedirect(res: ServerResponse, location: string): void {
  // 303: the browser follows with a GET of a clean path, dropping the code from the address bar.
  res.writeHead(303, {
    ...PAGE_HEADERS,
    location,
    'content-length': 0,
    connection: 'close',
  });
  res.end();
}

function abortedBy(signal: AbortSignal): AbortError {
  return new AbortError('The browser login was cancelled.', { cause: signal.reason });
}
