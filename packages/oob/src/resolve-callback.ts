import { assertNamespace, isPendingId, type Pending } from './pending.js';
import type { Store } from './store.js';

/**
 * The one answer to a callback whose id is unknown, expired, already finished, malformed, of
 * another namespace or of a kind the route does not serve. Always the same status, headers and
 * body, so a caller cannot tell these cases apart (nor probe other tenants' ids).
 */
export interface CallbackNotFound {
  /** Always 404. */
  readonly status: 404;
  /** `content-type`, `content-length`, `cache-control: no-store` and `x-content-type-options`. */
  readonly headers: Readonly<Record<string, string>>;
  /** A short text telling the user to start again from the app. */
  readonly body: string;
}

const NOT_FOUND_BODY =
  'This link is unknown or has expired. Go back to the app and start the connection again.\n';

/**
 * The {@link CallbackNotFound} answer every callback helper sends. Frameworks write exactly
 * this (status, headers, body) so all the not-found cases stay indistinguishable.
 */
export const CALLBACK_NOT_FOUND: CallbackNotFound = Object.freeze({
  status: 404,
  headers: Object.freeze({
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(NOT_FOUND_BODY)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  }),
  body: NOT_FOUND_BODY,
});

/**
 * What {@link resolveCallback} found: the pending, or the 404 to send.
 *
 * @typeParam T - The payload type.
 */
export type CallbackResolution<T> =
  | {
      /** A live pending matched. */
      readonly found: true;
      /** The pending; run its handler inside `pending.namespace`. */
      readonly pending: Pending<T>;
    }
  | {
      /** Nothing (that this route may see) matched. */
      readonly found: false;
      /** The answer to send: always {@link CALLBACK_NOT_FOUND}. */
      readonly response: CallbackNotFound;
    };

/**
 * Options of {@link resolveCallback}.
 */
export interface ResolveCallbackOptions {
  /**
   * The namespace this callback route serves, when the route itself names a tenant (e.g.
   * `/t/{tenant}/oob/callback/{id}`): a pending of any other namespace is answered exactly like
   * an unknown id. Default: any namespace (the pending's own is the one to restore).
   */
  readonly namespace?: string;
  /**
   * The kinds this route serves; a pending of another kind is answered like an unknown id.
   * Default: every kind.
   */
  readonly kinds?: readonly string[];
  /**
   * Atomically complete the pending while resolving it, so that of several requests carrying
   * the same id (a replayed or double-clicked redirect) exactly one gets it and the others get
   * the 404. Use it for single-use callbacks such as `oauth_redirect`; leave it off when the
   * callback shows a page and a later request completes. Default: `false`.
   */
  readonly consume?: boolean;
}

const NOT_FOUND = Object.freeze({ found: false, response: CALLBACK_NOT_FOUND } as const);

/**
 * Maps a callback's id back to its pending, whatever namespace it belongs to — the framework-
 * neutral half of the HTTP helper. Run the route's work inside `pending.namespace` when it is
 * found; send `response` (always {@link CALLBACK_NOT_FOUND}) when it is not.
 *
 * @param store - The store the pendings live in.
 * @param id - The id from the callback URL; anything that is not a well-formed id is not found
 *   without a store round trip.
 * @param options - An expected namespace, accepted kinds, and whether to consume.
 * @returns `{ found: true, pending }` or `{ found: false, response }`.
 * @throws TypeError when `options.namespace` is given but not a valid namespace.
 * @throws {@link OobStoreFailedError} when the store fails.
 * @example
 * ```ts
 * // In any framework's route for /oob/callback/:id
 * const found = await resolveCallback(store, params.id, { consume: true });
 * if (!found.found) return new Response(found.response.body, found.response);
 * return namespaces.run(found.pending.namespace, () => finishLogin(found.pending));
 * ```
 */
export async function resolveCallback<T>(
  store: Store<T>,
  id: unknown,
  options: ResolveCallbackOptions = {},
): Promise<CallbackResolution<T>> {
  const { namespace, kinds, consume = false } = options;
  if (namespace !== undefined) assertNamespace(namespace, 'options.namespace');
  if (!isPendingId(id)) return NOT_FOUND;
  const pending = await store.lookup(id);
  if (!pending) return NOT_FOUND;
  if (namespace !== undefined && pending.namespace !== namespace) return NOT_FOUND;
  if (kinds !== undefined && !kinds.includes(pending.kind)) return NOT_FOUND;
  if (!consume) return { found: true, pending };
  const taken = await store.complete(pending.namespace, id);
  return taken ? { found: true, pending: taken } : NOT_FOUND;
}
