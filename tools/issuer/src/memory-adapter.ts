import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds after which the entry is gone; `Infinity` for no expiry. */
  readonly dropAt: number;
}

/**
 * Entries outlive their `expiresIn` by this much, so oidc-provider can still find an expired
 * token and answer "expired" (its models check `exp` themselves) instead of "not found".
 */
const GRACE_MS = 60_000;

/** Models whose entries belong to a grant and go when the grant is revoked. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * An oidc-provider storage adapter that keeps everything in one `Map` per issuer. Unlike the
 * library's built-in quick-start adapter it has no size cap (nothing gets evicted mid-test) and
 * prints no warning; everything is lost on `close()`, which is what a test issuer wants.
 *
 * @param now the clock, in epoch milliseconds.
 * @see https://github.com/panva/node-oidc-provider/blob/main/example/my_adapter.js
 */
export function createMemoryAdapter(now: () => number): AdapterFactory {
  const entries = new Map<string, Entry>();
  const grants = new Map<string, Set<string>>();
  const userCodes = new Map<string, string>();
  const sessionUids = new Map<string, string>();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.dropAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  return (model: string): Adapter => {
    const keyFor = (id: string): string => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        const dropAt =
          typeof expiresIn === 'number' ? now() + expiresIn * 1000 + GRACE_MS : Infinity;
        entries.set(key, { payload, dropAt });
        if (GRANTABLE.has(model) && typeof payload.grantId === 'string') {
          const members = grants.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          grants.set(payload.grantId, members);
        }
        if (typeof payload.userCode === 'string') userCodes.set(payload.userCode, id);
        if (model === 'Session' && typeof payload.uid === 'string')
          sessionUids.set(payload.uid, id);
      },
      async find(id) {
        return live(keyFor(id));
      },
      async findByUserCode(userCode) {
        const id = userCodes.get(userCode);
        return id === undefined ? undefined : live(keyFor(id));
      },
      async findByUid(uid) {
        const id = sessionUids.get(uid);
        return id === undefined ? undefined : live(keyFor(id));
      },
      async consume(id) {
        const payload = live(keyFor(id));
        if (payload !== undefined) payload.consumed = Math.floor(now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key);
        grants.delete(grantId);
      },
    };
  };
}
