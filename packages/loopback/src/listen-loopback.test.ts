import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenLoopback } from './listen-loopback.js';
import { tryConnect } from './test-support/http.js';

const handler = () => {};
const options = { port: 0, headersTimeoutMs: 1000 };

describe('listenLoopback', () => {
  it('skips a second address the machine lacks, and lets the next replace a missing first one', async () => {
    const one = await listenLoopback(handler, { ...options, hosts: ['127.0.0.1', '::2'] });
    expect(one.hosts).toEqual(['127.0.0.1']);
    await one.close();
    const two = await listenLoopback(handler, { ...options, hosts: ['::2', '127.0.0.1'] });
    expect(two.hosts).toEqual(['127.0.0.1']);
    await two.close();
    expect(await tryConnect('127.0.0.1', two.port)).toBe('ECONNREFUSED');
  });

  it('refuses a fixed port when another program holds it on the second address', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen({ host: '::1', port: 0 }, resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      await expect(
        listenLoopback(handler, { ...options, port, hosts: ['127.0.0.1', '::1'] }),
      ).rejects.toMatchObject({ code: 'port_unavailable', host: '::1', port });
      // Nothing is left half-bound on 127.0.0.1.
      expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
