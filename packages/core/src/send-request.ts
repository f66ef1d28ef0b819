import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchInit,
  type FetchLike,
  type HttpOptions,
} from './http-options.js';
import { LatchError } from './latch-error.js';
import { type JsonResponse, parseJsonResponse } from './parse-json-response.js';
import { defaultDispatcher, loadUndici, resolveRuntime } from './runtime.js';
import { assertSecureEndpoint } from './secure-endpoint.js';
import { describeUrl, sanitizeServerText } from './server-text.js';
import { AbortError, NetworkError, TimeoutError } from './transport-errors.js';

/**
 * One HTTP exchange, as {@link postForm} and {@link getJson} describe it.
 * @internal
 */
export interface OutgoingRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly ignoreSuccessBody?: boolean | undefined;
}

/**
 * The one implementation behind every latch HTTP call: the endpoint check before any socket
 * opens, one deadline over the whole exchange (timed by the injected `sleep`), the caller's
 * signal, undici or an injected `fetch`, and {@link parseJsonResponse}.
 *
 * @param url - The endpoint.
 * @param request - Method, headers and body.
 * @param options - The caller's {@link HttpOptions}.
 * @returns The parsed 2xx response.
 * @internal
 */
export async function sendRequest(
  url: string | URL,
  request: OutgoingRequest,
  options?: HttpOptions,
): Promise<JsonResponse> {
  const endpoint = assertSecureEndpoint(url, options);
  const settings = checkOptions(options);
  const runtime = resolveRuntime(options);
  const where = describeUrl(endpoint);
  const callerSignal = options?.signal;
  if (callerSignal?.aborted) {
    throw new AbortError(`The request to ${where} was cancelled by the caller’s signal.`, {
      cause: callerSignal.reason,
    });
  }

  const controller = new AbortController();
  const stopTimer = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const timeoutError = (): TimeoutError =>
    new TimeoutError(
      `The request to ${where} did not complete within ${settings.timeoutMs} ms. Check your network, or raise timeoutMs if the server is known to be slow.`,
      { timeoutMs: settings.timeoutMs },
    );

  try {
    runtime.sleep(settings.timeoutMs, stopTimer.signal).then(
      () => {
        timedOut = true;
        controller.abort(timeoutError());
      },
      () => {},
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    if (options?.userAgent !== undefined) headers['user-agent'] = options.userAgent;
    Object.assign(headers, request.headers, { accept: 'application/json' });
    const init: FetchInit = {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: controller.signal,
    };
    const response = await untilAborted(settings.fetch(endpoint.href, init), controller.signal);
    return await parseJsonResponse(response, {
      maxResponseBytes: settings.maxResponseBytes,
      signal: controller.signal,
      now: runtime.now,
      ignoreSuccessBody: request.ignoreSuccessBody,
    });
  } catch (error) {
    controller.abort();
    if (timedOut) throw timeoutError();
    if (callerSignal?.aborted) {
      throw new AbortError(`The request to ${where} was cancelled by the caller’s signal.`, {
        cause: callerSignal.reason,
      });
    }
    if (LatchError.isInstance(error)) throw error;
    throw new NetworkError(
      `Could not reach ${where}${failureDetail(error)}. Check the URL, your network and any proxy settings, then retry.`,
      { cause: error },
    );
  } finally {
    stopTimer.abort();
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

interface Settings {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly fetch: FetchLike;
}

function checkOptions(options?: HttpOptions): Settings {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
    throw new TypeError('options.timeoutMs must be a number of milliseconds > 0');
  }
  const maxResponseBytes = options?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes <= 0) {
    throw new TypeError('options.maxResponseBytes must be a whole number of bytes > 0');
  }
  if (options?.fetch !== undefined && options.dispatcher !== undefined) {
    throw new TypeError('Pass either options.fetch or options.dispatcher, not both');
  }
  if (options?.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('options.fetch must be a fetch function');
  }
  const dispatcher = options?.dispatcher;
  const fetch: FetchLike =
    options?.fetch ??
    (async (url, init) => {
      const { fetch: undiciFetch } = await loadUndici();
      return (await undiciFetch(url, {
        ...init,
        dispatcher: dispatcher ?? (await defaultDispatcher()),
      })) as unknown as Response;
    });
  return { timeoutMs, maxResponseBytes, fetch };
}

// Resolves with the response unless the signal fires first, so an injected fetch that ignores
// its signal still cannot outlive the deadline; a response that arrives late is discarded.
function untilAborted(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (response) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) response.body?.cancel().catch(() => {});
        else resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) reject(error);
      },
    );
  });
}

// Only the error code (ECONNREFUSED, UND_ERR_SOCKET…): transport messages are not ours to quote.
function failureDetail(error: unknown): string {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return ` (${sanitizeServerText(code, 40)})`;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}
