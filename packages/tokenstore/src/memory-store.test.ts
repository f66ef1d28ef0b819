import type { TokenSet } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { SECRET_TOKENS } from './test-support/secrets.js';

const KEY = 'https://login.example.com#default';

describe('MemoryStore', () => {
  it('saves, loads and deletes idempotently', async () => {
    const store = new MemoryStore();
    expect(await store.load(KEY)).toBeUndefined();
    await store.save(KEY, SECRET_TOKENS);
    expect(await store.load(KEY)).toEqual(SECRET_TOKENS);
    await store.delete(KEY);
    await store.delete(KEY);
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('is not changed by mutating what was saved or loaded', async () => {
    const store = new MemoryStore();
    const tokens = { accessToken: 'a', tokenType: 'Bearer' } as {
      accessToken: string;
      tokenType: 'Bearer';
    };
    await store.save(KEY, tokens);
    tokens.accessToken = 'changed';
    const loaded = (await store.load(KEY)) as { accessToken: string };
    loaded.accessToken = 'changed too';
    expect((await store.load(KEY))?.accessToken).toBe('a');
  });

  it('runs concurrent updates one at a time', async () => {
    const store = new MemoryStore();
    const bump = async (current: TokenSet | undefined): Promise<TokenSet> => {
      await new Promise((resolve) => setImmediate(resolve));
      return { accessToken: String(Number(current?.accessToken ?? 0) + 1), tokenType: 'Bearer' };
    };
    await Promise.all(Array.from({ length: 50 }, () => store.update(KEY, bump)));
    expect((await store.load(KEY))?.accessToken).toBe('50');
    expect(await store.update(KEY, () => undefined)).toBeUndefined();
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('validates keys and token sets', async () => {
    const store = new MemoryStore();
    await expect(store.save('', SECRET_TOKENS)).rejects.toThrow(TypeError);
    await expect(store.save(KEY, { accessToken: '' } as TokenSet)).rejects.toThrow(TypeError);
    await expect(store.update(KEY, () => ({}) as TokenSet)).rejects.toThrow(TypeError);
    await expect(store.update(KEY, 'nope' as never)).rejects.toThrow(TypeError);
    await expect(store.load(KEY, { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});
