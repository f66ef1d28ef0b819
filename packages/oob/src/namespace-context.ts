import { AsyncLocalStorage } from 'node:async_hooks';
import { assertNamespace } from './pending.js';

/**
 * Tells which namespace (tenant) the current call runs for. The {@link OobManager} asks it on
 * every call and binds or scopes pendings to the answer; `undefined` (or `''`) means "outside
 * any tenant" and makes the manager throw {@link OobNamespaceMissingError}.
 *
 * Anything that knows the current tenant will do: a {@link NamespaceContext}'s `provider`, or
 * a function reading your framework's request context.
 *
 * @returns The current namespace, or `undefined` outside any tenant's context.
 */
export type NamespaceProvider = () => string | undefined | Promise<string | undefined>;

/**
 * A namespace carried through asynchronous calls with `AsyncLocalStorage`: run a tenant's
 * request handler inside {@link NamespaceContext.run} and every
 * {@link NamespaceContext.provider | provider} call made from it, however deep and however
 * many `await`s later, answers that tenant. The callback helpers use it to restore a pending's
 * namespace for its handler.
 *
 * @example
 * ```ts
 * const namespaces = new NamespaceContext();
 * const manager = new OobManager({ namespaceProvider: namespaces.provider, store, callbackUrl });
 * await namespaces.run('tenant-a', () => manager.create({ kind: 'device_code', data }));
 * ```
 */
export class NamespaceContext {
  readonly #storage = new AsyncLocalStorage<string>();

  /**
   * A {@link NamespaceProvider} answering the namespace of the innermost enclosing
   * {@link NamespaceContext.run}, or `undefined` outside any. Bound: pass it around freely.
   */
  readonly provider: NamespaceProvider = () => this.#storage.getStore();

  /**
   * Runs `fn` with `namespace` as the current namespace, for `fn` and everything it starts.
   *
   * @param namespace - The tenant to run as.
   * @param fn - The work to run.
   * @returns What `fn` returns (a promise stays a promise).
   * @throws TypeError when `namespace` is not a non-empty string of at most 512 characters.
   */
  run<R>(namespace: string, fn: () => R): R {
    assertNamespace(namespace);
    return this.#storage.run(namespace, fn);
  }

  /**
   * The current namespace.
   *
   * @returns The namespace of the innermost enclosing {@link NamespaceContext.run}, or
   *   `undefined` outside any.
   */
  current(): string | undefined {
    return this.#storage.getStore();
  }
}
