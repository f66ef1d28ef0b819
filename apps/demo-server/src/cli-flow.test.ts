import { fileURLToPath } from 'node:url';
import { type Issuer, startIssuer } from '@latch/issuer';
import { assertDistFresh } from '@latch/test-support';
import { MemoryStore } from '@latch/tokenstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import {
  get,
  postForm,
  signIn,
  startFlow,
  startServer,
  type TenantClient,
  until,
  untilStatus,
  view,
} from './test-support/harness.js';
import { isAlive, processesOfSession } from './test-support/processes.js';

let issuer: Issuer;
let server: DemoServer;
let store: MemoryStore;
let acme: TenantClient;

beforeAll(async () => {
  // The child process runs the built latch command.
  assertDistFresh(fileURLToPath(new URL('../../demo-cli/', import.meta.url)), '@latch/demo-server');
  issuer = await startIssuer({ log: () => {} });
  store = new MemoryStore();
  server = await startServer(issuer, { tokenStore: store });
  acme = await signIn(server, 'acme');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('the CLI flow (latch login --device --json as a child process)', () => {
  it('shows the code the CLI printed; once approved, the tokens move into the tenant’s store', async () => {
    const id = await startFlow(server, acme, 'cli');
    const shown = await untilStatus(server, acme, id, 'code-emitted', 30_000);
    expect(shown.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(shown.verificationUrl).toBe(`${issuer.url}/device`);
    expect(processesOfSession(id).length).toBeGreaterThan(0);
    await issuer.approveDevice(String(shown.userCode));
    const done = await untilStatus(server, acme, id, 'success', 30_000);
    expect(done.who).toBe(issuer.demoUser.email);
    const tokens = await store.load(`acme/${issuer.url}#acme`);
    expect(tokens?.refreshToken).toBeTruthy();
    expect(processesOfSession(id)).toEqual([]);
    const page = await (await get(server, acme, '/')).text();
    expect(page).toContain('data-connected="true"');
    for (const secret of [tokens?.accessToken, tokens?.refreshToken, tokens?.idToken]) {
      expect(page).not.toContain(String(secret));
      expect(JSON.stringify(done)).not.toContain(String(secret));
    }
  }, 60_000);

  it('cancel kills the CLI process group', async () => {
    const id = await startFlow(server, acme, 'cli');
    await untilStatus(server, acme, id, 'code-emitted', 30_000);
    const pids = processesOfSession(id);
    expect(pids.length).toBeGreaterThan(0);
    expect((await postForm(server, acme, `/sessions/${id}/cancel`)).status).toBe(303);
    expect(await view(server, acme, id)).toMatchObject({ status: 'failed', error: 'cancelled' });
    // Gone: no process of the login left, and every pid seen is dead (or a zombie).
    await until(async () => processesOfSession(id).length === 0 && !pids.some(isAlive), 20_000);
  }, 60_000);
});
