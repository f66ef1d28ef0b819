import type { TokenStore, TokenStoreBackend } from '@latch/tokenstore';
import { type CliContext, fileStoreOptions, TOKEN_SERVICE } from './context.js';

/** One persistent store `latch` may have kept a session in. */
export interface NamedStore {
  /** Which backend. */
  readonly backend: Exclude<TokenStoreBackend, 'memory'>;
  /** The store. */
  readonly store: TokenStore;
}

/**
 * Opens every persistent store a session may be in, whatever `LATCH_TOKEN_STORE` says: the
 * OS keychain when its probe works (skipped, with a `--verbose` note, when it does not) and
 * the encrypted file. `latch logout` deletes from all of them.
 * @param ctx - The command's context.
 */
export async function openEveryStore(ctx: CliContext): Promise<NamedStore[]> {
  const { openTokenStore, KeyringUnavailableError } = await import('@latch/tokenstore');
  const stores: NamedStore[] = [];
  try {
    const keyring = await openTokenStore({
      service: TOKEN_SERVICE,
      prefer: 'keyring',
      signal: ctx.signal,
    });
    stores.push({ backend: 'keyring', store: keyring.store });
  } catch (err) {
    if (!KeyringUnavailableError.isInstance(err)) throw err;
    ctx.out.debug(`keyring store: not available (${err.reason}), so nothing to delete there`);
  }
  const file = await openTokenStore({
    service: TOKEN_SERVICE,
    prefer: 'file',
    file: fileStoreOptions(ctx),
  });
  stores.push({ backend: 'file', store: file.store });
  return stores;
}
