import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from './create-server.js';
import {
  get,
  postForm,
  signIn,
  startFlow,
  startServer,
  type TenantClient,
  untilStatus,
} from './test-support/harness.js';

let issuer: Issuer;
let server: DemoServer;
let acme: TenantClient;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
  server = await startServer(issuer, { keepAliveMs: 30 });
  acme = await signIn(server, 'acme');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

describe('GET /sessions/{id}/events', () => {
  it('sends the state, keep-alive comments while idle, the final state, then ends', async () => {
    const id = await startFlow(server, acme, 'device');
    await untilStatus(server, acme, id, 'code-emitted');
    const response = await get(server, acme, `/sessions/${id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended before ${pattern}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil(/"status":"code-emitted"/);
    expect(text).toMatch(/^event: status$/m);
    await readUntil(/^: keep-alive$/m);
    expect((await postForm(server, acme, `/sessions/${id}/cancel`)).status).toBe(303);
    await readUntil(/"status":"failed"/);
    expect(text).toContain('"error":"cancelled"');
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(text.match(/"status":"failed"/g)?.length).toBe(1);
  });
});
