import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminalStatus } from './auth-session-status.js';
import { newSessionRecord, reduceSession, timeoutEvent, toPollResult } from './reduce-session.js';
import type { SessionEvent, SessionRecord } from './session-record.js';

const T0 = Date.UTC(2026, 0, 1);
const opts = { now: T0, maxTranscriptLines: 3 };
const fresh = (): SessionRecord =>
  newSessionRecord({
    id: 'auth-x',
    providerId: 'github',
    intoBundleId: undefined,
    ownerId: 'inst-a',
    now: T0,
    timeoutMs: 600_000,
  });
const apply = (record: SessionRecord, ...events: SessionEvent[]): SessionRecord =>
  events.reduce((current, event) => reduceSession(current, event, opts), record);
const url = (authUrl: string): SessionEvent => ({ type: 'url', authUrl });
const code = (userCode: string): SessionEvent => ({
  type: 'code',
  code: { userCode, verificationUrl: 'https://example.com/device' },
});

describe('reduceSession', () => {
  it('starts pending, and serialises to the kebab-case/camelCase wire shape', () => {
    expect(JSON.stringify(toPollResult(fresh()))).toBe(
      '{"providerId":"github","status":"pending"}',
    );
    const withUrl = apply(fresh(), url('https://example.com/oauth/authorize?state=s1'));
    expect(JSON.parse(JSON.stringify(withUrl.status))).toEqual({
      status: 'url-available',
      authUrl: 'https://example.com/oauth/authorize?state=s1',
    });
    const withCode = apply(fresh(), {
      type: 'code',
      code: {
        userCode: 'WDJB-MJHT',
        verificationUrl: 'https://example.com/device',
        verificationUrlComplete: 'https://example.com/device?user_code=WDJB-MJHT',
        expiresAt: T0 + 600_000,
      },
    });
    expect(JSON.stringify(withCode.status)).toBe(
      '{"status":"code-emitted","userCode":"WDJB-MJHT","verificationUrl":"https://example.com/device","verificationUrlComplete":"https://example.com/device?user_code=WDJB-MJHT","expiresAt":1767226200000}',
    );
    const done = apply(
      fresh(),
      { type: 'email', email: 'ada@example.com' },
      { type: 'success', bundleId: 'b1' },
    );
    expect(JSON.stringify(done.status)).toBe(
      '{"status":"success","bundleId":"b1","email":"ada@example.com"}',
    );
    const failed = apply(fresh(), { type: 'failure', error: 'cancelled' });
    expect(JSON.stringify(failed.status)).toBe('{"status":"failed","error":"cancelled"}');
  });

  it('keeps the first URL and the first code; a code replaces a shown URL, never the reverse', () => {
    const record = apply(
      fresh(),
      url('https://a.example/authorize?state=first'),
      url('https://a.example/authorize?state=second'),
    );
    expect(record.status).toEqual({
      status: 'url-available',
      authUrl: 'https://a.example/authorize?state=first',
    });
    const coded = apply(
      record,
      code('AAAA-BBBB'),
      code('CCCC-DDDD'),
      url('https://other.example/authorize'),
    );
    expect(coded.status).toMatchObject({ status: 'code-emitted', userCode: 'AAAA-BBBB' });
    expect(coded.authUrl).toBe('https://a.example/authorize?state=first');
    const codeFirst = apply(fresh(), code('AAAA-BBBB'), url('https://a.example/authorize'));
    expect(codeFirst.status.status).toBe('code-emitted');
    expect(codeFirst.authUrl).toBe('https://a.example/authorize');
  });

  it('never turns a "logged in" e-mail into success by itself', () => {
    const record = apply(
      fresh(),
      { type: 'email', email: 'ada@example.com' },
      { type: 'email', email: 'eve@example.com' },
    );
    expect(record.status).toEqual({ status: 'pending' });
    expect(record.email).toBe('ada@example.com');
    expect(
      apply(record, { type: 'success', bundleId: 'b', email: 'x@example.com' }).status,
    ).toEqual({
      status: 'success',
      bundleId: 'b',
      email: 'x@example.com',
    });
  });

  it('returns the same record for an ignored event and bumps the version for a change', () => {
    const done = apply(fresh(), { type: 'failure', error: 'cancelled' });
    expect(done.version).toBe(2);
    expect(done.finishedAt).toBe(T0);
    for (const event of [
      url('https://x/authorize'),
      code('AAAA-BBBB'),
      { type: 'success', bundleId: 'b' } as const,
    ]) {
      expect(reduceSession(done, event, opts)).toBe(done);
    }
  });

  it('keeps transcript lines after the end, and only the newest maxTranscriptLines', () => {
    const record = apply(
      fresh(),
      { type: 'failure', error: 'x' },
      ...['1', '2', '3', '4', '5'].map((line) => ({ type: 'line', line }) as const),
    );
    expect(record.transcript).toEqual(['3', '4', '5']);
    expect(record.droppedLines).toBe(2);
    expect(record.status.status).toBe('failed');
  });

  it('times out a running session at its deadline, not before, and never a finished one', () => {
    expect(timeoutEvent(fresh(), T0 + 599_999)).toBeUndefined();
    expect(timeoutEvent(fresh(), T0 + 600_000)).toEqual({
      type: 'failure',
      error: 'timed out after 600 s',
    });
    expect(
      timeoutEvent(apply(fresh(), { type: 'success', bundleId: 'b' }), T0 + 10 ** 9),
    ).toBeUndefined();
  });

  it('is final once terminal, for any sequence of events (property)', () => {
    const event = fc.oneof(
      fc.webUrl().map((u) => url(u)),
      fc.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/).map((c) => code(c)),
      fc.emailAddress().map((email): SessionEvent => ({ type: 'email', email })),
      fc.string().map((line): SessionEvent => ({ type: 'line', line })),
      fc.string({ minLength: 1 }).map((bundleId): SessionEvent => ({ type: 'success', bundleId })),
      fc.string({ minLength: 1 }).map((error): SessionEvent => ({ type: 'failure', error })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let record = fresh();
        let final: string | undefined;
        let firstUrl: string | undefined;
        for (const next of events) {
          if (next.type === 'url' && final === undefined) firstUrl ??= next.authUrl;
          record = reduceSession(record, next, opts);
          if (final !== undefined) expect(JSON.stringify(record.status)).toBe(final);
          else if (isTerminalStatus(record.status)) final = JSON.stringify(record.status);
        }
        expect(record.authUrl).toBe(firstUrl);
      }),
    );
  });
});
