import type { TokenSet } from '@latch/core';
import type {
  StoreCallOptions,
  TokenSetUpdater,
  TokenStore,
  UpdatableTokenStore,
} from '@latch/tokenstore';

/**
 * A view of a shared token store in which every key is prefixed with the tenant id
 * (`acme/https://issuer#acme`: the tenant is also the profile): one tenant's token manager can never read or write
 * another's entry.
 *
 * @param store - The shared store (memory or Redis).
 * @param tenant - The tenant id.
 * @returns The tenant's store; `update` is passed through when the shared store has one.
 */
export function tenantTokenStore(store: TokenStore, tenant: string): TokenStore {
  const key = (k: string) => `${tenant}/${k}`;
  const view: TokenStore = {
    load: (k: string, options?: StoreCallOptions) => store.load(key(k), options),
    save: (k: string, tokens: TokenSet, options?: StoreCallOptions) =>
      store.save(key(k), tokens, options),
    delete: (k: string, options?: StoreCallOptions) => store.delete(key(k), options),
  };
  const updatable = store as Partial<UpdatableTokenStore>;
  if (typeof updatable.update !== 'function') return view;
  const update = updatable.update.bind(store);
  return {
    ...view,
    update: (k: string, updater: TokenSetUpdater, options?: StoreCallOptions) =>
      update(key(k), updater, options),
  } as UpdatableTokenStore;
}
