import { afterEach, describe, expect, it } from 'vitest';
import { AuthSessionManager } from './auth-session-manager.js';
import { type Harness, harness } from './test-support/manager-harness.js';
import { settle } from './test-support/manual-clock.js';
import { UnknownProviderError } from './unknown-provider-error.js';

let h: Harness;
afterEach(async () => {
  await h?.manager.close();
});

describe('AuthSessionManager: transitions', () => {
  it('starts pending, shows the first URL, then the first code, and carries the bundle id', async () => {
    h = harness();
    const { id, run } = await h.start({ intoBundleId: 'bundle-7' });
    expect(run.context.intoBundleId).toBe('bundle-7');
    expect(run.context.providerId).toBe('scripted');
    expect(await h.manager.poll(id)).toEqual({ providerId: 'scripted', status: 'pending' });
    await run.context.report.authUrl('https://a.example/oauth/authorize?state=first');
    await run.context.report.authUrl('https://a.example/oauth/authorize?state=second');
    expect(JSON.stringify(await h.manager.poll(id))).toBe(
      '{"providerId":"scripted","status":"url-available","authUrl":"https://a.example/oauth/authorize?state=first"}',
    );
    await run.context.report.userCode({
      userCode: 'WDJB-MJHT',
      verificationUrl: 'https://a.example/device',
    });
    await run.context.report.userCode({
      userCode: 'XXXX-YYYY',
      verificationUrl: 'https://b.example/device',
    });
    expect(await h.manager.poll(id)).toEqual({
      providerId: 'scripted',
      status: 'code-emitted',
      userCode: 'WDJB-MJHT',
      verificationUrl: 'https://a.example/device',
    });
  });

  it('does not succeed on a "logged in" report; finishSuccess does, with the e-mail seen', async () => {
    h = harness();
    const { id, run } = await h.start();
    await run.context.report.account('ada@example.com');
    expect((await h.manager.poll(id))?.status).toBe('pending');
    expect(await h.manager.finishSuccess(id, 'bundle-1')).toBe(true);
    expect(await h.manager.poll(id)).toEqual({
      providerId: 'scripted',
      status: 'success',
      bundleId: 'bundle-1',
      email: 'ada@example.com',
    });
    await settle();
    expect(run.stopped()).toBe(true);
  });

  it('keeps terminal states final: later finishes, cancels and reports are ignored, not errors', async () => {
    h = harness({ finishedTtlMs: 10 ** 8 });
    const { id, run } = await h.start();
    expect(await h.manager.finishFailure(id, 'boom')).toBe(true);
    expect(await h.manager.finishSuccess(id, 'bundle-1')).toBe(false);
    expect(await h.manager.finishFailure(id, 'again')).toBe(false);
    expect(await h.manager.cancel(id)).toBe(false);
    expect(await run.context.report.succeed('bundle-2')).toBe(false);
    await run.context.report.authUrl('https://a.example/authorize');
    await h.clock.advance(10 ** 7);
    expect(await h.manager.poll(id)).toEqual({
      providerId: 'scripted',
      status: 'failed',
      error: 'boom',
    });
    expect(h.errors).toEqual([]);
  });

  it('cancel fails the session with "cancelled" and stops its driver before it resolves', async () => {
    h = harness();
    const { id, run } = await h.start();
    expect(run.context.signal.aborted).toBe(false);
    expect(await h.manager.cancel(id)).toBe(true);
    expect(run.stopped()).toBe(true);
    expect(await h.manager.poll(id)).toEqual({
      providerId: 'scripted',
      status: 'failed',
      error: 'cancelled',
    });
    expect(await h.manager.submitCallbackUrl(id, 'http://127.0.0.1/cb?code=x')).toBe(false);
  });

  it('fails a session whose driver ends without a result, or whose factory throws', async () => {
    h = harness();
    const { id, run } = await h.start();
    run.finish();
    await settle();
    expect(await h.manager.poll(id)).toMatchObject({
      status: 'failed',
      error: 'the login ended without a result',
    });
    const boom = new Error('cannot start');
    const manager = new AuthSessionManager({
      providers: {
        broken: () => {
          throw boom;
        },
      },
      onError: (error) => h.errors.push(error),
    });
    const broken = await manager.start('broken');
    await settle();
    expect(await manager.poll(broken)).toMatchObject({
      status: 'failed',
      error: 'the login failed',
    });
    expect(h.errors).toContain(boom);
    await manager.close();
  });

  it('hands a pasted callback URL to the driver', async () => {
    h = harness();
    const { id, run } = await h.start();
    expect(
      await h.manager.submitCallbackUrl(id, 'http://127.0.0.1:1/callback?code=c&state=s'),
    ).toBe(true);
    expect(run.pasted).toEqual(['http://127.0.0.1:1/callback?code=c&state=s']);
    expect(await h.manager.submitCallbackUrl('auth-unknown', 'x')).toBe(false);
  });

  it('refuses an unknown provider with UnknownProviderError, and bad arguments with TypeError', async () => {
    h = harness();
    const error = await h.manager.start('toString').catch((caught: unknown) => caught);
    expect(UnknownProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unknown_provider', providerId: 'toString' });
    await expect(h.manager.start('')).rejects.toThrow(TypeError);
    await expect(h.manager.start('scripted', { intoBundleId: 5 as never })).rejects.toThrow(
      TypeError,
    );
    await expect(h.manager.poll(42 as never)).rejects.toThrow(TypeError);
    expect(() => new AuthSessionManager({ providers: { x: 'no' as never } })).toThrow(TypeError);
    expect(() => new AuthSessionManager({ providers: {}, timeoutMs: 0 })).toThrow(TypeError);
  });

  it('makes session ids of 128 random bits from the injected source', async () => {
    const sizes: number[] = [];
    h = harness({
      randomBytes: (size) => {
        sizes.push(size);
        return new Uint8Array(size).fill(0xff);
      },
    });
    const { id } = await h.start();
    expect(id).toBe(`auth-${Buffer.alloc(16, 0xff).toString('base64url')}`);
    expect(sizes.every((size) => size >= 16)).toBe(true);
    const real = harness();
    const ids = new Set(
      await Promise.all(Array.from({ length: 50 }, async () => (await real.start()).id)),
    );
    expect(ids.size).toBe(50);
    await real.manager.close();
  });
});

describe('AuthSessionManager: timeout', () => {
  it('fails a running session after 600 s by default and stops its driver', async () => {
    h = harness();
    const { id, run } = await h.start();
    await run.context.report.authUrl('https://a.example/authorize');
    await h.clock.advance(599_999);
    expect((await h.manager.poll(id))?.status).toBe('url-available');
    expect(run.stopped()).toBe(false);
    await h.clock.advance(1);
    expect(run.stopped()).toBe(true);
    expect(await h.manager.poll(id)).toEqual({
      providerId: 'scripted',
      status: 'failed',
      error: 'timed out after 600 s',
    });
  });

  it('times out on poll even when the deadline timer has not fired (clock jumped)', async () => {
    let now = Date.UTC(2026, 0, 1);
    h = harness({ now: () => now, sleep: () => new Promise<void>(() => {}), timeoutMs: 1_000 });
    const { id, run } = await h.start();
    now += 1_000;
    expect(await h.manager.poll(id)).toMatchObject({
      status: 'failed',
      error: 'timed out after 1 s',
    });
    await settle();
    expect(run.stopped()).toBe(true);
  });
});

describe('AuthSessionManager: transcript, remove, sweep', () => {
  it('keeps every line, redacted, and only the newest maxTranscriptLines', async () => {
    h = harness({
      maxTranscriptLines: 3,
      redact: (line) => line.replace('custom-secret', '[mine]'),
    });
    const { id, run } = await h.start();
    const lines = [
      'one',
      'GET /cb?code=abc123&state=s',
      'access_token=tok-1',
      'custom-secret here',
    ];
    for (const line of lines) void run.context.report.line(line);
    await settle();
    expect(await h.manager.transcript(id)).toEqual([
      '[1 earlier lines dropped]',
      'GET /cb?code=[redacted]&state=s',
      'access_token=[redacted]',
      '[mine] here',
    ]);
  });

  it('remove deletes a session at once, stopping a running driver', async () => {
    h = harness();
    const { id, run } = await h.start();
    expect(await h.manager.remove(id)).toBe(true);
    expect(run.stopped()).toBe(true);
    expect(await h.manager.poll(id)).toBeUndefined();
    expect(await h.manager.transcript(id)).toBeUndefined();
    expect(await h.manager.remove(id)).toBe(false);
  });

  it('sweeps finished sessions after finishedTtlMs, keeps running ones until their deadline', async () => {
    h = harness({ finishedTtlMs: 60_000 });
    const finished = await h.start();
    const running = await h.start();
    await h.manager.finishSuccess(finished.id, 'b');
    await h.clock.advance(59_999);
    expect(await h.manager.poll(finished.id)).toMatchObject({ status: 'success' });
    await h.clock.advance(1);
    expect(await h.manager.poll(finished.id)).toBeUndefined();
    expect(await h.manager.poll(running.id)).toMatchObject({ status: 'pending' });
    await h.clock.advance(600_000); // past the deadline: it timed out, then its TTL ran out
    await h.clock.advance(60_000);
    expect(h.store.sweep()).toBeGreaterThanOrEqual(0);
    expect(h.store.size).toBe(0);
  });
});

describe('AuthSessionManager: subscribe', () => {
  it('pushes each status change in order, nothing after a terminal one, until unsubscribed', async () => {
    h = harness();
    const { id, run } = await h.start();
    const seen: string[] = [];
    const unsubscribe = h.manager.subscribe(id, (poll) => seen.push(poll.status));
    await run.context.report.line('not a status change');
    await run.context.report.authUrl('https://a.example/authorize');
    await run.context.report.userCode({
      userCode: 'AAAA-BBBB',
      verificationUrl: 'https://a.example/d',
    });
    await h.manager.cancel(id);
    await run.context.report.line('late');
    await settle();
    expect(seen).toEqual(['url-available', 'code-emitted', 'failed']);
    const other = await h.start();
    const seenOther: string[] = [];
    h.manager.subscribe(other.id, (poll) => seenOther.push(poll.status))();
    await other.run.context.report.authUrl('https://a.example/authorize');
    unsubscribe();
    await settle();
    expect(seenOther).toEqual([]);
  });

  it('keeps delivering when a listener throws, and reports the error', async () => {
    h = harness();
    const { id, run } = await h.start();
    const boom = new Error('listener failed');
    const seen: string[] = [];
    h.manager.subscribe(id, () => {
      throw boom;
    });
    h.manager.subscribe(id, (poll) => seen.push(poll.status));
    await run.context.report.authUrl('https://a.example/authorize');
    await settle();
    expect(seen).toEqual(['url-available']);
    expect(h.errors).toContain(boom);
  });
});

describe('AuthSessionManager: close', () => {
  it('fails running sessions with "service stopped", stops their drivers, refuses new work', async () => {
    h = harness();
    const { id, run } = await h.start();
    await h.manager.close();
    expect(run.stopped()).toBe(true);
    expect((await h.store.get(id))?.status).toEqual({ status: 'failed', error: 'service stopped' });
    await expect(h.manager.start('scripted')).rejects.toThrow(TypeError);
    await expect(h.manager.poll(id)).rejects.toThrow(TypeError);
    expect(() => h.manager.subscribe(id, () => {})).toThrow(TypeError);
  });
});
