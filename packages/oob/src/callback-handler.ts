import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_CALLBACK_PATH, normaliseCallbackPath } from './callback-url.js';
import type { NamespaceContext } from './namespace-context.js';
import type { Pending } from './pending.js';
import {
  CALLBACK_NOT_FOUND,
  type ResolveCallbackOptions,
  resolveCallback,
} from './resolve-callback.js';
import type { Store } from './store.js';

/**
 * The service's work for a callback whose pending was found: show a form, exchange a code,
 * store credentials… It runs inside the pending's namespace when the helper was given a
 * {@link NamespaceContext}, and gets the namespace as `pending.namespace` in any case.
 *
 * @typeParam T - The payload type.
 * @param pending - The pending the callback's id belongs to.
 * @param req - The request.
 * @param res - The response; the handler writes it.
 */
export type CallbackHandler<T> = (
  pending: Pending<T>,
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

/**
 * Options of {@link createCallbackHandler}.
 */
export interface CallbackHandlerOptions extends Omit<ResolveCallbackOptions, 'namespace'> {
  /**
   * The request path the ids hang under: a request for `{path}/{id}` is a callback; any other
   * path gets the 404. Include any prefix your server sees (`/connect/oob/callback`). Ignored
   * when `idFrom` is given. Default: {@link DEFAULT_CALLBACK_PATH} (`/oob/callback`).
   */
  readonly path?: string;
  /**
   * Reads the id from the request URL instead of the path, e.g. `(url) =>
   * url.searchParams.get('state') ?? undefined` when a provider only accepts one registered
   * redirect URI. Default: the last path segment under `path`.
   */
  readonly idFrom?: (url: URL) => string | null | undefined;
  /**
   * Restores the pending's namespace for the handler: the handler runs inside
   * `namespaces.run(pending.namespace, …)`, so an {@link OobManager} whose provider is
   * `namespaces.provider` works for that tenant there. Default: none (use `pending.namespace`).
   */
  readonly namespaces?: NamespaceContext;
  /**
   * The namespace the request's route serves (e.g. read from a tenant subdomain); a pending of
   * another namespace is answered exactly like an unknown id. `undefined`: any namespace.
   * Default: any namespace.
   */
  readonly expectedNamespace?: (
    req: IncomingMessage,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * Told about a failure of the store or the handler, after a bare 500 was sent (or the
   * connection closed, if the handler had started answering). Without it, the promise the
   * request listener returns rejects with the error. Default: none.
   */
  readonly onError?: (error: unknown) => void;
}

/** A `node:http` request listener (also usable by Express and other `(req, res)` frameworks). */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Writes {@link CALLBACK_NOT_FOUND} to `res`, without a `Date` header, so every not-found
 * answer is byte for byte the same.
 *
 * @param res - The response to write; nothing happens when its headers are already sent.
 */
export function sendCallbackNotFound(res: ServerResponse): void {
  if (res.headersSent) return;
  res.sendDate = false;
  res.writeHead(CALLBACK_NOT_FOUND.status, CALLBACK_NOT_FOUND.headers);
  res.end(CALLBACK_NOT_FOUND.body);
}

function sendFailure(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.sendDate = false;
  res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Internal error. Try again in a moment.\n');
}

function idFromPath(path: string): (url: URL) => string | undefined {
  const prefix = path === '/' ? '/' : `${path}/`;
  return (url) => {
    if (!url.pathname.startsWith(prefix)) return undefined;
    const rest = url.pathname.slice(prefix.length);
    if (rest.includes('/')) return undefined;
    try {
      return decodeURIComponent(rest);
    } catch {
      return undefined;
    }
  };
}

/**
 * Makes a `node:http` request listener for callback URLs: it reads the pending id from the
 * request, looks the pending up whatever its namespace, and runs `handler` for it inside that
 * namespace. Unknown, expired, finished, malformed and foreign ids (and paths that are no
 * callback) all get the same bytes: {@link CALLBACK_NOT_FOUND}, without a `Date` header.
 *
 * @typeParam T - The payload type.
 * @param store - The store the pendings live in.
 * @param handler - The service's work for a found pending; it writes the response.
 * @param options - Path or id reader, namespace context, expected namespace, kinds, consume,
 *   error hook.
 * @returns The request listener.
 * @throws TypeError when `handler` is not a function or `path` is not an absolute path.
 * @example
 * ```ts
 * const server = createServer(
 *   createCallbackHandler(store, async (pending, req, res) => {
 *     await oob.complete(pending.id); // runs in pending.namespace
 *     res.end('Connected. You can close this tab.');
 *   }, { namespaces }),
 * );
 * ```
 */
export function createCallbackHandler<T>(
  store: Store<T>,
  handler: CallbackHandler<T>,
  options: CallbackHandlerOptions = {},
): RequestListener {
  if (typeof handler !== 'function') throw new TypeError('handler must be a function');
  const { namespaces, expectedNamespace, onError, kinds, consume } = options;
  const readId =
    options.idFrom ?? idFromPath(normaliseCallbackPath(options.path ?? DEFAULT_CALLBACK_PATH));
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://callback.invalid');
      const namespace = await expectedNamespace?.(req);
      const found = await resolveCallback(store, readId(url) ?? undefined, {
        ...(namespace === undefined ? {} : { namespace }),
        ...(kinds === undefined ? {} : { kinds }),
        ...(consume === undefined ? {} : { consume }),
      });
      if (!found.found) {
        sendCallbackNotFound(res);
        return;
      }
      const { pending } = found;
      await (namespaces
        ? namespaces.run(pending.namespace, () => handler(pending, req, res))
        : handler(pending, req, res));
    } catch (error) {
      sendFailure(res);
      if (onError) onError(error);
      else throw error;
    }
  };
}
