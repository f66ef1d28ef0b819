import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Issuer, startIssuer } from '@latch/issuer';
import { refreshTokens } from '@latch/refresh';
import { demoSession } from '@latch/test-support';
import { TokenManager, type TokenRequest } from '@latch/token-manager';
import { MemoryStore, storeKey } from '@latch/tokenstore';
import type { BenchSuite } from './suite.js';

let issuer: Issuer | undefined;
let lockDir = '';
async function startIssuerAndLockDir(): Promise<Issuer> {
  issuer = await startIssuer({ log: () => {} });
  lockDir = await mkdtemp(join(tmpdir(), 'latch-bench-token-manager-'));
  return issuer;
}
async function stopIssuerAndLockDir(): Promise<void> {
  await issuer?.close();
  issuer = undefined;
  await rm(lockDir, { recursive: true, force: true });
}

const map = new Map([['https://data.example', 'a-token']]);
let cached: TokenManager | undefined;
let dataRequest: TokenRequest = { resource: 'https://data.example' };

/** A cached exchanged token against the bare minimum: an awaited Map lookup. */
export const tokenManagerCachedSuite: BenchSuite = {
  name: 'token-manager: cached token()',
  setup: async () => {
    const started = await startIssuerAndLockDir();
    cached = new TokenManager({
      issuer: started.url,
      clientId: started.clientId,
      store: new MemoryStore(),
      lockDir,
    });
    await cached.saveCoreToken(await demoSession(started));
    dataRequest = { resource: started.resources.data };
    await cached.token(dataRequest); // the one exchange; every timed call is a cache hit
  },
  teardown: stopIssuerAndLockDir,
  baseline: { name: 'await Map.get()', fn: async () => await map.get('https://data.example') },
  subjects: [
    {
      name: 'await token() of a cached exchange',
      // Extra work: two clock reads, two Map lookups and the expiry check.
      maxRatio: 3,
      fn: async () => await cached?.token(dataRequest),
    },
  ],
};

let manager: TokenManager | undefined;
const store = new MemoryStore();
const direct = new MemoryStore();
let key = '';
let endpoint = '';
let clientId = '';

/** 1000 callers at expiry (one locked refresh) against one bare refresh that is stored. */
export const tokenManagerExpirySuite: BenchSuite = {
  name: 'token-manager: 1000 concurrent callers at expiry',
  setup: async () => {
    const started = await startIssuerAndLockDir();
    key = storeKey({ issuer: started.url });
    endpoint = `${started.url}/token`;
    clientId = started.clientId;
    // reloadAfterMs 0: the manager sees the expired token each iteration writes to the store.
    manager = new TokenManager({
      issuer: started.url,
      clientId,
      store,
      lockDir,
      reloadAfterMs: 0,
      endpoints: { refresh: endpoint },
    });
    await manager.saveCoreToken(await demoSession(started));
    await direct.save(key, await demoSession(started));
  },
  teardown: stopIssuerAndLockDir,
  baseline: {
    name: 'store.load() + refreshTokens() + store.save()',
    fn: async () => {
      const stored = await direct.load(key);
      const refreshToken = stored?.refreshToken ?? '';
      await direct.save(key, await refreshTokens({ endpoint, clientId, refreshToken }));
    },
  },
  subjects: [
    {
      name: '1000 concurrent token() at expiry',
      // Extra work: the cross-process lock (a mkdir, utimes and stat on the disk holding the
      // lock directory; the release waits until the callers have their token), the store re-read
      // under it, compare-and-persist, and 1000 promises.
      maxRatio: 1.3,
      fn: async () => {
        const stored = await store.load(key);
        if (stored === undefined) throw new Error('the session is gone');
        await store.save(key, { ...stored, accessToken: 'expired', expiresAt: 0 });
        const resource = issuer?.url ?? '';
        await Promise.all(Array.from({ length: 1000 }, () => manager?.token({ resource })));
      },
    },
  ],
};
