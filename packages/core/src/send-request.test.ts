import type { ServerResponse } from 'node:http';
import {
  expectNoSecrets,
  rejectionOf,
  SECRET,
  SECRET_TOKEN_BODY,
  sendJson,
  startTestServer,
  useTestServer,
} from '@latch/test-support';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { postForm } from './post-form.js';
import { ResponseTooLargeError } from './response-errors.js';
import { RecordingAgent, recordingFetch, within } from './test-support/transport-doubles.js';
import {
  AbortError,
  InsecureEndpointError,
  NetworkError,
  TimeoutError,
} from './transport-errors.js';

// The transport behaviour every latch request shares (send-request.ts), driven through postForm.

const tokenBody = SECRET_TOKEN_BODY;
const serve = useTestServer();

describe('the shared request path against a real HTTP server', () => {
  it('stops a 50 MiB body at the cap and closes the connection', async () => {
    const total = 50 * 1024 * 1024;
    let written = 0;
    const { url, socketsClosed } = await serve((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"access_token":"${SECRET.accessToken}","padding":"`);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}');
      };
      pump();
    });
    const started = Date.now();
    const error = await within(
      10_000,
      rejectionOf(() => postForm(`${url}/token`, { a: 'b' })),
    );
    expect(ResponseTooLargeError.isInstance(error)).toBe(true);
    expect((error as ResponseTooLargeError).maxBytes).toBe(1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5_000);
    await within(5_000, socketsClosed());
    expect(written).toBeLessThan(total);
    expectNoSecrets(error);
  });

  it('ends a body trickling at 1 byte/s in TimeoutError at the deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = `{"access_token":"${SECRET.accessToken}","token_type":"Bearer"}`;
      let index = 0;
      const timer = setInterval(() => {
        if (res.destroyed || index >= text.length) clearInterval(timer);
        else res.write(text[index++]);
      }, 1000);
      timers.push(timer);
      res.write(text[index++]);
    });
    const started = Date.now();
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }, { timeoutMs: 300 }));
    for (const timer of timers) clearInterval(timer);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectNoSecrets(error);
  });

  it('ends a server that never answers in TimeoutError', async () => {
    const { url } = await serve(() => {});
    const started = Date.now();
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }, { timeoutMs: 300 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times the deadline with the injected sleep', async () => {
    const { url } = await serve(() => {});
    const waits: number[] = [];
    const error = await rejectionOf(() =>
      postForm(
        `${url}/token`,
        { a: 'b' },
        {
          sleep: async (ms) => {
            waits.push(ms);
          },
        },
      ),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(waits).toEqual([30_000]);
  });

  it('a reset connection → NetworkError', async () => {
    const { url } = await serve((_req, _res, socket) => {
      socket.resetAndDestroy();
    });
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`${url}/token`);
  });

  it('a connection reset in the middle of the body → NetworkError', async () => {
    const { url } = await serve((_req, res, socket) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"access_token":"${SECRET.accessToken}`, () =>
        setTimeout(() => socket.resetAndDestroy(), 20),
      );
    });
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(NetworkError.isInstance(error)).toBe(true);
    expectNoSecrets(error);
  });

  it('a refused connection → NetworkError', async () => {
    const closed = await startTestServer(() => {});
    await closed.close();
    const error = await rejectionOf(() => postForm(`${closed.url}/token`, { a: 'b' }));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('the caller’s signal → AbortError, distinct from a timeout', async () => {
    const { url } = await serve(() => {});
    const controller = new AbortController();
    const pending = rejectionOf(() =>
      postForm(`${url}/token`, { a: 'b' }, { signal: controller.signal, timeoutMs: 60_000 }),
    );
    setTimeout(() => controller.abort(new Error('user pressed ctrl-c')), 50);
    const error = await within(5_000, pending);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(TimeoutError.isInstance(error)).toBe(false);
    expect((error as AbortError).cause).toEqual(new Error('user pressed ctrl-c'));
  });

  it('an already aborted signal sends nothing', async () => {
    const fetch = recordingFetch(async () => new Response('{}'));
    const error = await rejectionOf(() =>
      postForm('https://as.example/token', { a: 'b' }, { signal: AbortSignal.abort(), fetch }),
    );
    expect(AbortError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses http://example.com before any connection is opened', async () => {
    const fetch = recordingFetch(async () => new Response(tokenBody));
    const dispatcher = new RecordingAgent();
    try {
      for (const options of [{ fetch }, { dispatcher }]) {
        const error = await rejectionOf(() =>
          postForm('http://example.com/token', { a: 'b' }, options),
        );
        expect(InsecureEndpointError.isInstance(error)).toBe(true);
        expect((error as InsecureEndpointError).url).toBe('http://example.com/token');
      }
      const other = await rejectionOf(() => postForm('ftp://example.com/token', {}, { fetch }));
      expect(InsecureEndpointError.isInstance(other)).toBe(true);
      expect(fetch.calls).toHaveLength(0);
      expect(dispatcher.calls).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });

  it('sends through an injected dispatcher', async () => {
    const { url } = await serve((_req, res) => sendJson(res, 200, '{"ok":1}'));
    const dispatcher = new RecordingAgent();
    try {
      const result = await postForm(`${url}/token`, { a: 'b' }, { dispatcher });
      expect(result.body).toEqual({ ok: 1 });
      expect(dispatcher.calls).toBe(1);
    } finally {
      await dispatcher.close();
    }
  });

  it('uses an injected fetch as-is, with redirect manual and a signal', async () => {
    const fetch = recordingFetch(
      async () => new Response('{"ok":2}', { headers: { 'content-type': 'application/json' } }),
    );
    const result = await postForm('https://as.example/token', { a: 'b c' }, { fetch });
    expect(result.body).toEqual({ ok: 2 });
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]).toMatchObject({ method: 'POST', body: 'a=b+c', redirect: 'manual' });
    expect(fetch.calls[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(fetch.calls[0]).not.toHaveProperty('dispatcher');
  });

  it('accepts the platform fetch as an injected fetch', async () => {
    const { url } = await serve((_req, res) => sendJson(res, 200, '{"ok":3}'));
    const result = await postForm(`${url}/token`, { a: 'b' }, { fetch: globalThis.fetch });
    expect(result.body).toEqual({ ok: 3 });
  });

  it('keeps the deadline even when an injected fetch ignores its signal', async () => {
    const fetch = recordingFetch(() => new Promise<Response>(() => {}));
    const error = await within(
      5_000,
      rejectionOf(() => postForm('https://as.example/token', {}, { fetch, timeoutMs: 100 })),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('throws TypeError for bad arguments', async () => {
    const fetch = recordingFetch(async () => new Response('{}'));
    const dispatcher = new Agent();
    const bad: unknown[] = [
      () => postForm('not a url', {}, { fetch }),
      () => postForm('https://as.example/t', { a: 1 } as never, { fetch }),
      () => postForm('https://as.example/t', null as never, { fetch }),
      () => postForm('https://as.example/t', {}, { fetch, timeoutMs: 0 }),
      () => postForm('https://as.example/t', {}, { fetch, maxResponseBytes: 1.5 }),
      () => postForm('https://as.example/t', {}, { fetch, dispatcher }),
    ];
    for (const call of bad) {
      await expect((call as () => Promise<unknown>)()).rejects.toThrow(TypeError);
    }
    expect(fetch.calls).toHaveLength(0);
    await dispatcher.close();
  });
});
