import { expect, it } from 'vitest';
import { OobIdConflictError } from '../errors.js';
import type { Store } from '../store.js';
import { freshId, makePending, type TestData } from './fixtures.js';
import { manualClock } from './manual-clock.js';

/** Two handles on one store's data: two server instances (or one store twice, in memory). */
export interface StorePair {
  /** The first instance. */
  readonly a: Store<TestData>;
  /** The second instance, sharing `a`'s pendings. */
  readonly b: Store<TestData>;
}

/** Makes a fresh, empty pair of stores reading the given clock. */
export type MakeStores = (now: () => number) => StorePair | Promise<StorePair>;

const A = 'tenant-a';
const B = 'tenant-b';

/**
 * The rules every {@link Store} keeps, as vitest tests (call inside a `describe`). Run against
 * MemoryStore and RedisStore alike.
 */
export function storeContract(makeStores: MakeStores): void {
  it('gives back what was put, as a copy', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now(), 60_000, { elicitId: 'el-1' });
    await a.put(pending);
    expect(await a.get(A, pending.id)).toEqual(pending);
    expect(await b.get(A, pending.id)).toEqual(pending);
    expect(await b.lookup(pending.id)).toEqual(pending);
    const copy = await a.get(A, pending.id);
    (copy?.data as { userCode: string }).userCode = 'CHANGED';
    expect((await a.get(A, pending.id))?.data.userCode).toBe('WDJB-MJHT');
  });

  it('keeps data as JSON: a Date comes back as its ISO string, undefined fields go', async () => {
    const clock = manualClock();
    const { a } = await makeStores(clock.now);
    const at = new Date(Date.UTC(2030, 0, 2));
    const pending = makePending(A, clock.now(), 60_000, {
      alias: undefined,
      data: { userCode: 'X', nested: { list: [1, 2, 3], at } },
    } as never);
    await a.put(pending);
    const read = await a.get(A, pending.id);
    expect(read?.data.nested).toEqual({ list: [1, 2, 3], at: at.toISOString() });
    expect(read && 'alias' in read).toBe(false);
  });

  it('scopes reads by namespace: another namespace does not find, complete or cancel it', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now());
    await a.put(pending);
    expect(await b.get(B, pending.id)).toBeUndefined();
    expect(await b.complete(B, pending.id)).toBeUndefined();
    expect(await b.cancel(B, pending.id)).toBeUndefined();
    expect(await b.listNamespace(B)).toEqual([]);
    expect(await b.clearNamespace(B)).toEqual([]);
    expect(await a.get(A, pending.id)).toEqual(pending);
    expect((await a.lookup(pending.id))?.namespace).toBe(A);
  });

  it('answers 10^4 probes from another namespace with 0 hits', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pendings = Array.from({ length: 100 }, () => makePending(A, clock.now()));
    for (const pending of pendings) await a.put(pending);
    let hits = 0;
    for (let round = 0; round < 25; round++) {
      const probes = pendings.flatMap((p) => [
        b.get(B, p.id),
        b.complete(`${B}-${round}`, p.id),
        b.cancel(B, p.id),
        b.get(`${A}x`, p.id),
      ]);
      hits += (await Promise.all(probes)).filter((found) => found !== undefined).length;
    }
    expect(hits).toBe(0);
    expect(await a.listNamespace(A)).toHaveLength(100);
  });

  it('does not find an expired pending, by any read', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now(), 1_000);
    const other = makePending(A, clock.now(), 5_000);
    await a.put(pending);
    await a.put(other);
    clock.advance(999);
    expect(await b.get(A, pending.id)).toEqual(pending);
    clock.advance(1);
    expect(await b.get(A, pending.id)).toBeUndefined();
    expect(await b.lookup(pending.id)).toBeUndefined();
    expect((await b.listNamespace(A)).map((p) => p.id)).toEqual([other.id]);
    expect(await b.complete(A, pending.id)).toBeUndefined();
    expect(await b.cancel(A, pending.id)).toBeUndefined();
  });

  it('completes once: a completed pending is gone and never completes or cancels again', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now());
    await a.put(pending);
    expect(await b.complete(A, pending.id)).toEqual(pending);
    expect(await a.complete(A, pending.id)).toBeUndefined();
    expect(await a.cancel(A, pending.id)).toBeUndefined();
    expect(await a.get(A, pending.id)).toBeUndefined();
    expect(await a.lookup(pending.id)).toBeUndefined();
    expect(await a.listNamespace(A)).toEqual([]);
  });

  it('cancels once: a cancelled pending is gone and never completes again', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now());
    await a.put(pending);
    expect(await a.cancel(A, pending.id)).toEqual(pending);
    expect(await b.complete(A, pending.id)).toBeUndefined();
    expect(await b.cancel(A, pending.id)).toBeUndefined();
    expect(await b.get(A, pending.id)).toBeUndefined();
  });

  it('of 100 concurrent completes on two instances, exactly one succeeds', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    for (let round = 0; round < 5; round++) {
      const pending = makePending(A, clock.now());
      await a.put(pending);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).complete(A, pending.id)),
      );
      expect(results.filter((r) => r !== undefined)).toEqual([pending]);
    }
  });

  it('of 100 concurrent completes and cancels, exactly one succeeds', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now());
    await a.put(pending);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 3 === 0 ? a.cancel(A, pending.id) : (i % 2 ? a : b).complete(A, pending.id),
      ),
    );
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
  });

  it('refuses a live duplicate id, but reuses the id of an expired pending', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const pending = makePending(A, clock.now(), 1_000);
    await a.put(pending);
    const duplicate = { ...pending, namespace: B, data: { userCode: 'OTHER' } };
    await expect(b.put(duplicate)).rejects.toSatisfy(OobIdConflictError.isInstance);
    expect(await a.get(A, pending.id)).toEqual(pending);
    clock.advance(1_000);
    const again = { ...duplicate, createdAt: clock.now(), expiresAt: clock.now() + 1_000 };
    await b.put(again);
    expect(await a.lookup(pending.id)).toEqual(again);
    expect(await a.get(A, pending.id)).toBeUndefined();
    expect(await a.listNamespace(A)).toEqual([]);
  });

  it('rejects ill-formed pendings with a TypeError', async () => {
    const clock = manualClock();
    const { a } = await makeStores(clock.now);
    const good = makePending(A, clock.now());
    const bad: unknown[] = [
      null,
      { ...good, id: 'short' },
      { ...good, id: `${freshId()}/x` },
      { ...good, namespace: '' },
      { ...good, namespace: 'x'.repeat(513) },
      { ...good, kind: '' },
      { ...good, alias: 42 },
      { ...good, createdAt: 1.5 },
      { ...good, expiresAt: clock.now() },
    ];
    for (const pending of bad) {
      await expect(a.put(pending as never)).rejects.toBeInstanceOf(TypeError);
    }
    await expect(a.get('', good.id)).rejects.toBeInstanceOf(TypeError);
    expect(await a.listNamespace(A)).toEqual([]);
  });

  it('answers malformed ids as not found', async () => {
    const clock = manualClock();
    const { a } = await makeStores(clock.now);
    for (const id of ['', 'short', `${freshId()}/..`, 'a'.repeat(129), 'ü'.repeat(30)]) {
      expect(await a.get(A, id)).toBeUndefined();
      expect(await a.lookup(id)).toBeUndefined();
      expect(await a.complete(A, id)).toBeUndefined();
    }
  });

  it('lists a namespace oldest first, and clears it alone', async () => {
    const clock = manualClock();
    const { a, b } = await makeStores(clock.now);
    const first = makePending(A, clock.now(), 50_000);
    clock.advance(10);
    const second = makePending(A, clock.now(), 5_000);
    clock.advance(10);
    const expiring = makePending(A, clock.now(), 100);
    const foreign = makePending(B, clock.now());
    for (const p of [second, first, expiring, foreign]) await a.put(p);
    expect((await b.listNamespace(A)).map((p) => p.id)).toEqual(
      [first, second, expiring].map((p) => p.id),
    );
    clock.advance(100);
    expect((await b.listNamespace(A)).map((p) => p.id)).toEqual([first.id, second.id]);
    expect((await b.clearNamespace(A)).sort()).toEqual([first.id, second.id].sort());
    expect(await a.listNamespace(A)).toEqual([]);
    expect(await a.get(A, first.id)).toBeUndefined();
    expect(await a.get(B, foreign.id)).toEqual(foreign);
    expect(await a.clearNamespace(A)).toEqual([]);
  });
}
