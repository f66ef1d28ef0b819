import { expectNoSecrets, rejectionOf } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { callbackUrlBuilder } from './callback-url.js';
import { OobIdConflictError, OobMisconfiguredError, OobNamespaceMissingError } from './errors.js';
import { MemoryStore } from './memory-store.js';
import { NamespaceContext } from './namespace-context.js';
import { DEFAULT_PENDING_TTL_MS, OobManager, type OobManagerOptions } from './oob-manager.js';
import { isPendingId } from './pending.js';
import type { TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';

const data: TestData = { userCode: 'WDJB-MJHT' };

function setup(overrides: Partial<OobManagerOptions<TestData>> = {}) {
  const clock = manualClock();
  const namespaces = new NamespaceContext();
  const store = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0 });
  const manager = new OobManager<TestData>({
    namespaceProvider: namespaces.provider,
    store,
    callbackUrl: callbackUrlBuilder('https://app.example.com'),
    now: clock.now,
    ...overrides,
  });
  const as = <R>(namespace: string, fn: () => R): R => namespaces.run(namespace, fn);
  return { clock, namespaces, store, manager, as };
}

describe('OobManager configuration', () => {
  it('names every missing part in a typed misconfiguration error', () => {
    const parts = {
      namespaceProvider: () => 'a',
      store: new MemoryStore<TestData>(),
      callbackUrl: callbackUrlBuilder('https://app.example.com'),
    };
    for (const missing of ['namespaceProvider', 'store', 'callbackUrl'] as const) {
      const error = rejectionOfSync(
        () => new OobManager({ ...parts, [missing]: undefined } as never),
      );
      expect(OobMisconfiguredError.isInstance(error)).toBe(true);
      expect((error as OobMisconfiguredError).missing).toEqual([missing]);
    }
    const all = rejectionOfSync(() => new OobManager(undefined as never));
    expect(all).toMatchObject({
      code: 'oob_misconfigured',
      missing: ['namespaceProvider', 'store', 'callbackUrl'],
    });
    const notAStore = rejectionOfSync(() => new OobManager({ ...parts, store: {} as never }));
    expect(notAStore).toMatchObject({ missing: ['store'] });
  });

  it('rejects bad optional options with a TypeError', () => {
    for (const bad of [{ defaultTtlMs: 0 }, { now: 1 }, { randomBytes: 'x' }]) {
      expect(() => setup(bad as never)).toThrow(TypeError);
    }
  });
});

describe('OobManager.create', () => {
  it('binds the pending to the caller’s namespace, never to one in the spec', async () => {
    const { manager, as } = setup();
    const { pending } = await as('tenant-a', () =>
      manager.create({ kind: 'device_code', data, namespace: 'tenant-b' } as never),
    );
    expect(pending.namespace).toBe('tenant-a');
    expect(await as('tenant-b', () => manager.get(pending.id))).toBeUndefined();
    expect(await as('tenant-a', () => manager.get(pending.id))).toEqual(pending);
  });

  it('fills every field, with the default lifetime, and returns the callback URL', async () => {
    const { manager, as, clock } = setup();
    const created = await as('tenant-a', () =>
      manager.create({
        kind: 'oauth_redirect',
        alias: 'work',
        resource: 'https://login.example.com',
        elicitId: 'el-7',
        data,
      }),
    );
    expect(created.pending).toEqual({
      id: created.pending.id,
      namespace: 'tenant-a',
      kind: 'oauth_redirect',
      alias: 'work',
      resource: 'https://login.example.com',
      elicitId: 'el-7',
      createdAt: clock.now(),
      expiresAt: clock.now() + DEFAULT_PENDING_TTL_MS,
      data,
    });
    expect(created.callbackUrl).toBe(`https://app.example.com/oob/callback/${created.pending.id}`);
  });

  it('makes ids of 256 random bits from the injected randomBytes, URL-safe', async () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 250 - i);
    const sizes: number[] = [];
    const { manager, as } = setup({
      randomBytes: (size) => {
        sizes.push(size);
        return bytes;
      },
    });
    const { pending } = await as('a', () => manager.create({ kind: 'device_code', data }));
    expect(sizes).toEqual([32]);
    expect(pending.id).toBe(Buffer.from(bytes).toString('base64url'));
    expect(pending.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(pending.id)).toBe(pending.id);
  });

  it('refuses a randomBytes that gives fewer than 128 bits', async () => {
    const { manager, as } = setup({ randomBytes: () => new Uint8Array(15) });
    await expect(as('a', () => manager.create({ kind: 'x', data }))).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('reports a repeated id as OobIdConflictError, without the id or the data in it', async () => {
    const bytes = new Uint8Array(32).fill(7);
    const { manager, as } = setup({ randomBytes: () => bytes });
    const secret = { userCode: 'SENTINEL-USER-CODE-77a1' };
    const { pending } = await as('a', () => manager.create({ kind: 'x', data: secret }));
    const error = await rejectionOf(as('b', () => manager.create({ kind: 'x', data: secret })));
    expect(OobIdConflictError.isInstance(error)).toBe(true);
    expectNoSecrets(error, [secret.userCode, pending.id]);
    expect(await as('a', () => manager.get(pending.id))).toEqual(pending);
  });

  it('gives distinct ids by default', async () => {
    const { manager, as } = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      ids.add((await as('a', () => manager.create({ kind: 'x', data }))).pending.id);
    }
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(isPendingId(id)).toBe(true);
  });

  it('honours the spec’s expiresAt and refuses one in the past', async () => {
    const { manager, as, clock } = setup();
    const { pending } = await as('a', () =>
      manager.create({ kind: 'device_code', data, expiresAt: clock.now() + 5_000 }),
    );
    expect(pending.expiresAt).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    expect(await as('a', () => manager.get(pending.id))).toBeUndefined();
    await expect(
      as('a', () => manager.create({ kind: 'x', data, expiresAt: clock.now() })),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects an ill-formed spec with a TypeError', async () => {
    const { manager, as } = setup();
    for (const spec of [null, { data }, { kind: '', data }, { kind: 'x', alias: 1, data }]) {
      await expect(as('a', () => manager.create(spec as never))).rejects.toBeInstanceOf(TypeError);
    }
  });
});

describe('OobManager namespace', () => {
  it('throws OobNamespaceMissingError outside any namespace, or when the provider fails', async () => {
    const { manager } = setup();
    for (const action of [
      () => manager.create({ kind: 'x', data }),
      () => manager.get('x'.repeat(43)),
      () => manager.complete('x'.repeat(43)),
      () => manager.list(),
    ]) {
      expect(OobNamespaceMissingError.isInstance(await rejectionOf(action))).toBe(true);
    }
    const cause = new Error('no session');
    const failing = setup({
      namespaceProvider: () => {
        throw cause;
      },
    });
    const error = await rejectionOf(failing.manager.list());
    expect(error).toMatchObject({ code: 'oob_namespace_missing', cause });
    const empty = setup({ namespaceProvider: async () => '' });
    expect(OobNamespaceMissingError.isInstance(await rejectionOf(empty.manager.list()))).toBe(true);
  });

  it('accepts an asynchronous provider', async () => {
    const { manager } = setup({ namespaceProvider: async () => 'tenant-z' });
    const { pending } = await manager.create({ kind: 'x', data });
    expect(pending.namespace).toBe('tenant-z');
    expect(await manager.namespace()).toBe('tenant-z');
  });
});

describe('OobManager get, complete, cancel, list, clear', () => {
  it('see only the caller’s namespace', async () => {
    const { manager, as } = setup();
    const mine = await as('a', () => manager.create({ kind: 'x', data }));
    const theirs = await as('b', () => manager.create({ kind: 'x', data }));
    await as('a', async () => {
      expect(await manager.get(theirs.pending.id)).toBeUndefined();
      expect(await manager.complete(theirs.pending.id)).toBeUndefined();
      expect(await manager.cancel(theirs.pending.id)).toBeUndefined();
      expect(await manager.list()).toEqual([mine.pending]);
      expect(await manager.clear()).toEqual([mine.pending.id]);
    });
    expect(await as('b', () => manager.list())).toEqual([theirs.pending]);
  });

  it('complete exactly once of 100 concurrent calls; then cancel finds nothing', async () => {
    const { manager, as } = setup();
    const { pending } = await as('a', () => manager.create({ kind: 'x', data }));
    const results = await as('a', () =>
      Promise.all(Array.from({ length: 100 }, () => manager.complete(pending.id))),
    );
    expect(results.filter(Boolean)).toEqual([pending]);
    expect(await as('a', () => manager.cancel(pending.id))).toBeUndefined();
  });

  it('cancel returns the pending once, and it never completes after', async () => {
    const { manager, as } = setup();
    const { pending } = await as('a', () => manager.create({ kind: 'x', data }));
    expect(await as('a', () => manager.cancel(pending.id))).toEqual(pending);
    expect(await as('a', () => manager.complete(pending.id))).toBeUndefined();
  });

  it('answers malformed ids as not found', async () => {
    const { manager, as } = setup();
    for (const id of ['', '../../etc', 'x', 42]) {
      expect(await as('a', () => manager.get(id as never))).toBeUndefined();
      expect(await as('a', () => manager.complete(id as never))).toBeUndefined();
    }
  });
});

function rejectionOfSync(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
