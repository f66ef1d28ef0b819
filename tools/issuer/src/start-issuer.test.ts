import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startIssuer } from './index.js';

/** Resolves whether a fresh listener can bind 127.0.0.1:port. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('startIssuer / close', () => {
  it('frees the port promptly even with a keep-alive connection open', async () => {
    const issuer = await startIssuer();
    const response = await fetch(`${issuer.url}/.well-known/openid-configuration`, {
      headers: { connection: 'keep-alive' },
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    const started = Date.now();
    await issuer.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await canBind(issuer.port)).toBe(true);
    await expect(fetch(`${issuer.url}/jwks`)).rejects.toThrow();
    await issuer.close();
  });

  it('listens on a fixed port on request, and refuses a port in use', async () => {
    const first = await startIssuer();
    const { port } = first;
    await first.close();

    const fixed = await startIssuer({ port });
    try {
      expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
      await expect(startIssuer({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await fixed.close();
    }
  });

  it('rejects invalid options with TypeError', async () => {
    await expect(startIssuer({ port: -1 })).rejects.toThrow(TypeError);
    await expect(startIssuer({ accessTokenTtl: 0 })).rejects.toThrow(TypeError);
  });

  it('starts independent issuers side by side', async () => {
    const [a, b] = await Promise.all([startIssuer(), startIssuer()]);
    try {
      expect(a.url).not.toBe(b.url);
      const keyOf = async (url: string) =>
        ((await (await fetch(`${url}/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys[0]
          ?.kid;
      expect(await keyOf(a.url)).not.toBe(await keyOf(b.url));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
