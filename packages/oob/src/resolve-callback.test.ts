import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { CALLBACK_NOT_FOUND, resolveCallback } from './resolve-callback.js';
import { freshId, makePending, type TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';

function setup() {
  const clock = manualClock();
  const store = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0 });
  return { clock, store };
}

describe('resolveCallback', () => {
  it('finds a live pending by id alone, whatever its namespace', async () => {
    const { clock, store } = setup();
    const pending = makePending('tenant-a', clock.now());
    await store.put(pending);
    expect(await resolveCallback(store, pending.id)).toEqual({ found: true, pending });
    expect(await store.get('tenant-a', pending.id)).toEqual(pending);
  });

  it('answers unknown, expired, malformed, foreign and other-kind ids with the same 404', async () => {
    const { clock, store } = setup();
    const expired = makePending('tenant-a', clock.now(), 10);
    const foreign = makePending('tenant-a', clock.now());
    await store.put(expired);
    await store.put(foreign);
    clock.advance(10);
    const answers = [
      await resolveCallback(store, freshId()),
      await resolveCallback(store, expired.id),
      await resolveCallback(store, '../etc/passwd'),
      await resolveCallback(store, undefined),
      await resolveCallback(store, foreign.id, { namespace: 'tenant-b' }),
      await resolveCallback(store, foreign.id, { kinds: ['oauth_redirect'] }),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({ found: false, response: CALLBACK_NOT_FOUND });
      expect(answer).toBe(answers[0]);
    }
    expect(CALLBACK_NOT_FOUND).toMatchObject({ status: 404 });
    expect(Number(CALLBACK_NOT_FOUND.headers['content-length'])).toBe(
      Buffer.byteLength(CALLBACK_NOT_FOUND.body),
    );
    expect(Object.isFrozen(CALLBACK_NOT_FOUND.headers)).toBe(true);
    expect(await resolveCallback(store, foreign.id, { namespace: 'tenant-a' })).toMatchObject({
      found: true,
    });
    expect(await resolveCallback(store, foreign.id, { kinds: ['device_code'] })).toMatchObject({
      found: true,
    });
  });

  it('with consume, hands the pending to exactly one of 100 concurrent callbacks', async () => {
    const { clock, store } = setup();
    const pending = makePending('tenant-a', clock.now());
    await store.put(pending);
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => resolveCallback(store, pending.id, { consume: true })),
    );
    expect(answers.filter((a) => a.found)).toEqual([{ found: true, pending }]);
    expect(await store.lookup(pending.id)).toBeUndefined();
  });

  it('rejects an invalid expected namespace with a TypeError', async () => {
    const { store } = setup();
    await expect(resolveCallback(store, freshId(), { namespace: '' })).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
