import { createServer, type RequestListener, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CallbackHandlerOptions, createCallbackHandler } from './callback-handler.js';
import { callbackUrlBuilder } from './callback-url.js';
import { MemoryStore } from './memory-store.js';
import { NamespaceContext } from './namespace-context.js';
import { OobManager } from './oob-manager.js';
import type { Pending } from './pending.js';
import { CALLBACK_NOT_FOUND } from './resolve-callback.js';
import type { Store } from './store.js';
import { freshId, type TestData } from './test-support/fixtures.js';
import { manualClock } from './test-support/manual-clock.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise((resolve) => s.close(() => resolve(undefined)))),
  );
});

async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** Sends one raw HTTP/1.1 request and returns every byte of the response. */
function rawRequest(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Buffer> {
  const { hostname, port } = new URL(base);
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () =>
      socket.write(`${lines.join('\r\n')}\r\n\r\n`),
    );
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

function setup(options: CallbackHandlerOptions = {}, store?: Store<TestData>) {
  const clock = manualClock();
  const namespaces = new NamespaceContext();
  const memory = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0 });
  const oob = new OobManager<TestData>({
    namespaceProvider: namespaces.provider,
    store: store ?? memory,
    callbackUrl: callbackUrlBuilder('http://127.0.0.1'),
    now: clock.now,
  });
  const handled: { pending: Pending<TestData>; namespace: string | undefined }[] = [];
  const errors: unknown[] = [];
  const listener = createCallbackHandler<TestData>(
    store ?? memory,
    async (pending, req, res) => {
      // Scoped by the restored namespace: only works inside the pending's own tenant.
      const completed = await oob.complete(pending.id);
      handled.push({ pending, namespace: namespaces.current() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`connected ${namespaces.current()} ${completed ? 'once' : 'again'} ${req.method}`);
    },
    { namespaces, onError: (error) => errors.push(error), ...options },
  );
  const create = (namespace: string, expiresAt?: number) =>
    namespaces.run(namespace, () =>
      oob.create({
        kind: 'oauth_redirect',
        data: { userCode: 'X' },
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
  return { clock, namespaces, oob, listener, handled, errors, create };
}

describe('createCallbackHandler on a real node:http server', () => {
  it('runs the handler for the right id inside the pending’s namespace', async () => {
    const { listener, create, handled } = setup();
    const base = await listen(listener);
    const { pending, callbackUrl } = await create('tenant-a');
    const response = await fetch(`${base}${new URL(callbackUrl).pathname}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('connected tenant-a once GET');
    expect(handled).toEqual([{ pending, namespace: 'tenant-a' }]);
  });

  it('answers unknown, expired, finished, malformed, foreign and stray ids byte for byte alike', async () => {
    const { listener, create, clock, oob, namespaces } = setup({
      expectedNamespace: (req) => req.headers['x-tenant'] as string | undefined,
    });
    const base = await listen(listener);
    const expired = await create('tenant-a', clock.now() + 1_000);
    const foreign = await create('tenant-a');
    const finished = await create('tenant-a');
    await namespaces.run('tenant-a', () => oob.complete(finished.pending.id));
    clock.advance(1_000);
    const path = (id: string) => `/oob/callback/${id}`;
    const answers = [
      await rawRequest(base, path(freshId())),
      await rawRequest(base, path(expired.pending.id)),
      await rawRequest(base, path(finished.pending.id)),
      await rawRequest(base, path('not-an-id')),
      await rawRequest(base, path('%E0%A4%A')),
      await rawRequest(base, path(foreign.pending.id), { 'x-tenant': 'tenant-b' }),
      await rawRequest(base, `/oob/callback/${foreign.pending.id}/more`),
      await rawRequest(base, '/elsewhere'),
    ];
    const first = answers[0] as Buffer;
    expect(first.toString('latin1')).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(first.toString('latin1')).not.toMatch(/\r\ndate:/i);
    expect(first.toString('utf8').endsWith(CALLBACK_NOT_FOUND.body)).toBe(true);
    for (const answer of answers) expect(answer.equals(first)).toBe(true);
    // The foreign id is live: on its own tenant's route it is found.
    const own = await rawRequest(base, path(foreign.pending.id), { 'x-tenant': 'tenant-a' });
    expect(own.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('with consume, lets exactly one of 20 concurrent callbacks through', async () => {
    const { listener, create, handled } = setup({ consume: true });
    const base = await listen(listener);
    const { pending } = await create('tenant-a');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${base}/oob/callback/${pending.id}`)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(404)]);
    expect(handled).toHaveLength(1);
    // Consumed before the handler ran, so its own complete finds nothing more.
    const ok = responses.find((r) => r.status === 200);
    expect(await ok?.text()).toBe('connected tenant-a again GET');
  });

  it('reads the id from where idFrom says, e.g. the state parameter', async () => {
    const { listener, create } = setup({
      idFrom: (url) => (url.pathname === '/callback' ? url.searchParams.get('state') : undefined),
    });
    const base = await listen(listener);
    const { pending } = await create('tenant-c');
    const found = await fetch(`${base}/callback?code=abc&state=${pending.id}`);
    expect(await found.text()).toBe('connected tenant-c once GET');
    const missing = await fetch(`${base}/callback?code=abc`);
    expect(missing.status).toBe(404);
  });

  it('serves another path, and only the kinds it is told to', async () => {
    const { listener, create } = setup({ path: '/connect/done/', kinds: ['oauth_redirect'] });
    const base = await listen(listener);
    const { pending } = await create('tenant-a');
    expect((await fetch(`${base}/oob/callback/${pending.id}`)).status).toBe(404);
    expect((await fetch(`${base}/connect/done/${pending.id}`)).status).toBe(200);
    const other = setup({ kinds: ['device_code'] });
    const otherBase = await listen(other.listener);
    const created = await other.create('tenant-a');
    expect((await fetch(`${otherBase}/oob/callback/${created.pending.id}`)).status).toBe(404);
  });

  it('answers 500 and reports when the handler or the store fails', async () => {
    const failure = new Error('handler broke');
    const errors: unknown[] = [];
    const clock = manualClock();
    const store = new MemoryStore<TestData>({ now: clock.now, sweepIntervalMs: 0 });
    const pending = {
      id: freshId(),
      namespace: 'a',
      kind: 'x',
      createdAt: clock.now(),
      expiresAt: clock.now() + 1_000,
      data: { userCode: 'X' },
    };
    await store.put(pending);
    const base = await listen(
      createCallbackHandler(
        store,
        () => {
          throw failure;
        },
        { onError: (error) => errors.push(error) },
      ),
    );
    const response = await fetch(`${base}/oob/callback/${pending.id}`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('handler broke');
    expect(errors).toEqual([failure]);

    const storeFailure = new Error('store down');
    const broken = {
      ...store,
      lookup: () => Promise.reject(storeFailure),
    } as unknown as Store<TestData>;
    const rejections: unknown[] = [];
    const listener = createCallbackHandler(broken, () => {});
    const brokenBase = await listen((req, res) => {
      listener(req, res).catch((error) => rejections.push(error));
    });
    expect((await fetch(`${brokenBase}/oob/callback/${pending.id}`)).status).toBe(500);
    expect(rejections).toEqual([storeFailure]);
  });

  it('rejects a non-function handler and a bad path with a TypeError', () => {
    const store = new MemoryStore<TestData>();
    expect(() => createCallbackHandler(store, 'x' as never)).toThrow(TypeError);
    expect(() => createCallbackHandler(store, () => {}, { path: 'oob' })).toThrow(TypeError);
  });
});
