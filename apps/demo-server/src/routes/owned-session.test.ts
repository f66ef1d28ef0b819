import { MemorySessionStore, newSessionRecord, type PollResult } from '@latch/auth-session';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../app-deps.js';
import { ownedSession } from './owned-session.js';

const ID = 'auth-AAAAAAAAAAAAAAAAAAAAAA';

/** The parts of the app's dependencies `ownedSession` reads, over a real memory store. */
async function setUp(options: { peek: boolean }) {
  let now = 1_000;
  const store = new MemorySessionStore({ now: () => now });
  await store.create(
    newSessionRecord({
      id: ID,
      providerId: 'device',
      intoBundleId: 'acme',
      ownerId: 'server-a',
      now,
      timeoutMs: 60_000,
    }),
    120_000,
  );
  const polled: string[] = [];
  const deps = {
    sessionStore: store,
    peekSession: options.peek ? (id: string) => store.peek(id) : undefined,
    flow: { now: () => now },
    sessions: {
      poll: async (id: string): Promise<PollResult> => {
        polled.push(id);
        return { providerId: 'device', status: 'failed', error: 'timed out after 60 s' };
      },
    },
  } as unknown as AppDeps;
  return { deps, polled, advance: (ms: number) => (now += ms) };
}

describe('ownedSession', () => {
  it('answers from memory without a promise, the same object until the session changes', async () => {
    const { deps } = await setUp({ peek: true });
    const first = ownedSession(deps, 'acme', ID);
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toMatchObject({ providerId: 'device', status: 'pending' });
    expect(ownedSession(deps, 'acme', ID)).toBe(first);
    await deps.sessionStore.update(ID, (record) => ({
      record: {
        ...record,
        version: record.version + 1,
        status: { status: 'url-available', authUrl: 'https://issuer.example/authorize' },
      },
      ttlMs: 120_000,
    }));
    expect(ownedSession(deps, 'acme', ID)).toMatchObject({ status: 'url-available' });
  });

  it('gives another tenant, an unknown id and a malformed id the same undefined', async () => {
    const { deps } = await setUp({ peek: true });
    expect(ownedSession(deps, 'globex', ID)).toBeUndefined();
    expect(ownedSession(deps, 'acme', 'auth-BBBBBBBBBBBBBBBBBBBBBB')).toBeUndefined();
    expect(ownedSession(deps, 'acme', '../x')).toBeUndefined();
  });

  it('lets the manager apply a timeout that is due, through a promise', async () => {
    const { deps, polled, advance } = await setUp({ peek: true });
    advance(60_000);
    const answer = ownedSession(deps, 'acme', ID);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toMatchObject({ status: 'failed' });
    expect(polled).toEqual([ID]);
  });

  it('reads through the store, with a promise, when the state is not in memory (Redis)', async () => {
    const { deps } = await setUp({ peek: false });
    const answer = ownedSession(deps, 'acme', ID);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toMatchObject({ status: 'pending' });
    expect(await ownedSession(deps, 'globex', ID)).toBeUndefined();
  });
});
