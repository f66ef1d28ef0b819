import type { TokenSet } from '@latch/core';
import { MemoryStore, type TokenStore } from '@latch/tokenstore';
import { describe, expect, it } from 'vitest';
import { compareAndPersist } from './compare-and-persist.js';

const key = 'https://as.example#default';
const set = (name: string): TokenSet => ({
  accessToken: `access-${name}`,
  tokenType: 'Bearer',
  refreshToken: `refresh-${name}`,
});

/** The same store without `update`: the read-then-write path. */
const plain = (inner: MemoryStore): TokenStore => ({
  load: (k, o) => inner.load(k, o),
  save: (k, t, o) => inner.save(k, t, o),
  delete: (k, o) => inner.delete(k, o),
});

describe.each([
  ['an updatable store', (inner: MemoryStore): TokenStore => inner],
  ['a plain store', plain],
])('compareAndPersist with %s', (_name, wrap) => {
  it('stores the refreshed tokens over the refresh token that was redeemed', async () => {
    const inner = new MemoryStore();
    await inner.save(key, set('old'));
    const outcome = await compareAndPersist(wrap(inner), key, 'refresh-old', set('new'));
    expect(outcome).toEqual({ saved: true, current: set('new') });
    expect(await inner.load(key)).toEqual(set('new'));
  });

  it('keeps a newer login another writer stored', async () => {
    const inner = new MemoryStore();
    await inner.save(key, set('login'));
    const outcome = await compareAndPersist(wrap(inner), key, 'refresh-old', set('new'));
    expect(outcome).toEqual({ saved: false, current: set('login') });
    expect(await inner.load(key)).toEqual(set('login'));
  });

  it('does not bring back a deleted session', async () => {
    const inner = new MemoryStore();
    const outcome = await compareAndPersist(wrap(inner), key, 'refresh-old', set('new'));
    expect(outcome).toEqual({ saved: false, current: undefined });
    expect(await inner.load(key)).toBeUndefined();
  });
});
