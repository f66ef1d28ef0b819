import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An unsigned JWT carrying `claims` (readJwtClaims does not verify). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * A token endpoint on 127.0.0.1 that answers every request with `body` (for faults the issuer
 * cannot produce, such as an ID token with another nonce). Counts its requests.
 */
export async function scriptedTokenEndpoint(body: () => Record<string, unknown>) {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body()));
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
