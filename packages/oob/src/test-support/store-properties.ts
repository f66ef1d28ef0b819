import fc from 'fast-check';
import { expect } from 'vitest';
import type { Pending } from '../pending.js';
import type { Store } from '../store.js';
import { makePending, type TestData } from './fixtures.js';
import { manualClock } from './manual-clock.js';

const NAMESPACES = ['tenant-a', 'tenant-b', 'tenant-c'] as const;

/** One step of a random history. `slot` picks one of the pendings put so far. */
type Op =
  | { readonly op: 'put'; readonly ns: number; readonly ttlMs: number }
  | {
      readonly op: 'get' | 'lookup' | 'complete' | 'cancel';
      readonly slot: number;
      readonly ns: number;
    }
  | { readonly op: 'list'; readonly ns: number }
  | { readonly op: 'advance'; readonly ms: number };

const nsIndex = fc.integer({ min: 0, max: NAMESPACES.length - 1 });
const slot = fc.nat({ max: 40 });

/**
 * Random histories of put/get/lookup/complete/cancel/list/advance-clock. Lifetimes and clock
 * steps are minutes long, so the real time a Redis run takes never expires a key before the
 * injected clock says so.
 */
export const historyArbitrary: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constant('put' as const),
      ns: nsIndex,
      ttlMs: fc.integer({ min: 60_000, max: 600_000 }),
    }),
    fc.record({ op: fc.constantFrom('get' as const, 'lookup' as const), slot, ns: nsIndex }),
    fc.record({ op: fc.constantFrom('complete' as const, 'cancel' as const), slot, ns: nsIndex }),
    fc.record({ op: fc.constant('list' as const), ns: nsIndex }),
    fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300_000 }) }),
  ),
  { maxLength: 40 },
);

interface ModelEntry {
  readonly pending: Pending<TestData>;
  finished: boolean;
}

/**
 * Runs `history` against a fresh store and a model, checking after every step:
 * - a completed or cancelled pending never comes back from any read, complete or cancel;
 * - an expired pending is not found by any read;
 * - another namespace never sees a pending; a live one is seen by its own;
 * - complete/cancel of a live pending of the caller's namespace returns it.
 */
export async function checkHistory(
  makeStore: (now: () => number) => Store<TestData> | Promise<Store<TestData>>,
  history: readonly Op[],
): Promise<void> {
  const clock = manualClock();
  const store = await makeStore(clock.now);
  const model: ModelEntry[] = [];
  const live = (entry: ModelEntry): boolean =>
    !entry.finished && entry.pending.expiresAt > clock.now();
  for (const step of history) {
    if (step.op === 'advance') {
      clock.advance(step.ms);
      continue;
    }
    const namespace = NAMESPACES[step.ns] as string;
    if (step.op === 'put') {
      const pending = makePending(namespace, clock.now(), step.ttlMs);
      await store.put(pending);
      model.push({ pending, finished: false });
      continue;
    }
    if (step.op === 'list') {
      const expected = model
        .filter((e) => live(e) && e.pending.namespace === namespace)
        .map((e) => e.pending.id);
      const listed = (await store.listNamespace(namespace)).map((p) => p.id);
      expect(listed.sort()).toEqual(expected.sort());
      continue;
    }
    const entry = model[step.slot % Math.max(model.length, 1)];
    if (!entry) continue;
    const { id } = entry.pending;
    const own = entry.pending.namespace === namespace;
    const visible = live(entry) && (own || step.op === 'lookup');
    const result =
      step.op === 'lookup' ? await store.lookup(id) : await store[step.op](namespace, id);
    expect(result).toEqual(visible ? entry.pending : undefined);
    if (visible && (step.op === 'complete' || step.op === 'cancel')) entry.finished = true;
  }
}
