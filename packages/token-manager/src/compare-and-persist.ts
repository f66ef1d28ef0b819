import type { TokenSet } from '@latch/core';
import type { TokenStore, UpdatableTokenStore } from '@latch/tokenstore';

/**
 * What {@link compareAndPersist} found and left in the store.
 * @internal
 */
export interface PersistOutcome {
  /** `true` when the refreshed tokens were stored. */
  readonly saved: boolean;
  /** What the store holds now: the refreshed tokens, another writer's, or nothing. */
  readonly current: TokenSet | undefined;
}

/**
 * Stores refreshed tokens only if the store still holds the refresh token that was redeemed.
 * Otherwise another writer got there first — a logout (nothing stored: it must stay deleted)
 * or a new login (it must not be overwritten by the old account's tokens) — and its state is
 * kept. Uses the store's atomic `update` when it has one; otherwise a read then a write, which
 * the manager's lock already keeps apart from every other writer that uses the manager.
 *
 * @param store - The token store.
 * @param key - The account key.
 * @param used - The refresh token that was redeemed.
 * @param fresh - What the refresh returned.
 * @returns Whether `fresh` was stored, and what the store holds now.
 * @internal
 */
export async function compareAndPersist(
  store: TokenStore,
  key: string,
  used: string,
  fresh: TokenSet,
): Promise<PersistOutcome> {
  if (isUpdatable(store)) {
    let saved = false;
    const current = await store.update(key, (stored) => {
      if (stored?.refreshToken !== used) return stored;
      saved = true;
      return fresh;
    });
    return { saved, current };
  }
  const stored = await store.load(key);
  if (stored?.refreshToken !== used) return { saved: false, current: stored };
  await store.save(key, fresh);
  return { saved: true, current: fresh };
}

function isUpdatable(store: TokenStore): store is UpdatableTokenStore {
  return typeof (store as Partial<UpdatableTokenStore>).update === 'function';
}
