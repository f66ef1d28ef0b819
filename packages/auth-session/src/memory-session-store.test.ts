import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from './memory-session-store.js';
import { newSessionRecord, reduceSession } from './reduce-session.js';
import type { SessionChange, SessionCommand } from './session-store.js';
import { settle } from './test-support/manual-clock.js';

const record = (id: string) =>
  newSessionRecord({
    id,
    providerId: 'p',
    intoBundleId: undefined,
    ownerId: 'inst-a',
    now: 0,
    timeoutMs: 1_000,
  });

describe('MemorySessionStore', () => {
  it('hides expired records at once and sweeps them; creates keep memory bounded', async () => {
    let now = 0;
    const store = new MemorySessionStore({ now: () => now });
    for (let i = 0; i < 10_000; i++) await store.create(record(`auth-${i}`), 1_000);
    expect(store.size).toBe(10_000);
    now = 999;
    expect(await store.get('auth-1')).toBeDefined();
    expect(store.peek('auth-1')).toBe(await store.get('auth-1'));
    now = 1_000;
    expect(store.peek('auth-1')).toBeUndefined();
    expect(await store.get('auth-1')).toBeUndefined();
    expect(store.peek('auth-unknown')).toBeUndefined();
    expect(store.sweep()).toBe(9_999);
    expect(store.size).toBe(0);
    for (let i = 0; i < 10_000; i++) {
      now += 10;
      await store.create(record(`auth-short-${i}`), 5); // each lives 5 ms: one live at a time
      expect(store.size).toBeLessThanOrEqual(64);
    }
  });

  it('refuses a duplicate id, and updates atomically with a new TTL and an announcement', async () => {
    let now = 0;
    const store = new MemorySessionStore({ now: () => now });
    const changes: SessionChange[] = [];
    const stop = await store.onChange((change) => changes.push(change));
    await store.create(record('auth-1'), 100);
    await expect(store.create(record('auth-1'), 100)).rejects.toThrow(TypeError);
    const updated = await store.update('auth-1', (current) => {
      const next = reduceSession(
        current,
        { type: 'failure', error: 'x' },
        { now, maxTranscriptLines: 5 },
      );
      return {
        record: next,
        ttlMs: 500,
        change: {
          sessionId: 'auth-1',
          version: next.version,
          poll: { providerId: 'p', ...next.status },
        },
      };
    });
    expect(updated?.status).toEqual({ status: 'failed', error: 'x' });
    expect(await store.update('auth-1', () => undefined)).toBe(updated);
    expect(await store.update('auth-none', () => undefined)).toBeUndefined();
    now = 400;
    expect(await store.get('auth-1')).toBe(updated);
    await settle();
    expect(changes.map((change) => change.poll.status)).toEqual(['failed']);
    await stop();
    expect(await store.delete('auth-1')).toBe(true);
    expect(await store.delete('auth-1')).toBe(false);
  });

  it('routes commands only to the owner listening for them', async () => {
    const store = new MemorySessionStore();
    const a: SessionCommand[] = [];
    const b: SessionCommand[] = [];
    const stopA = await store.onCommand('inst-a', (command) => a.push(command));
    await store.onCommand('inst-b', (command) => b.push(command));
    await store.sendCommand('inst-a', { type: 'stop', sessionId: 'auth-1' });
    await store.sendCommand('inst-c', { type: 'stop', sessionId: 'auth-2' });
    await settle();
    expect(a).toEqual([{ type: 'stop', sessionId: 'auth-1' }]);
    expect(b).toEqual([]);
    await stopA();
    await store.sendCommand('inst-a', { type: 'stop', sessionId: 'auth-3' });
    await settle();
    expect(a).toHaveLength(1);
  });
});
