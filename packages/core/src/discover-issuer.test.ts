import { rejectionOf, startTestServer, type TestServer } from '@latch/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverIssuer } from './discover-issuer.js';
import { DiscoveryError, IssuerMismatchError } from './discovery-errors.js';
import { HttpStatusError } from './response-errors.js';
import { TimeoutError } from './transport-errors.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Route = (issuer: string) => { status: number; body: string; type?: string } | undefined;

/** A server whose routes are answered from `routes` (by path); anything else is a 404. */
async function serveRoutes(routes: Record<string, Route>): Promise<TestServer> {
  server = await startTestServer((req, res) => {
    const route = routes[req.url]?.(server?.url ?? '');
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
      return;
    }
    res.writeHead(route.status, { 'content-type': route.type ?? 'application/json' });
    res.end(route.body);
  });
  return server;
}

const metadata = (issuer: string) => ({
  status: 200,
  body: JSON.stringify({ issuer, token_endpoint: `${issuer}/token` }),
});

describe('discoverIssuer', () => {
  it('uses the RFC 8414 document when there is one', async () => {
    const { url, requests } = await serveRoutes({
      '/.well-known/oauth-authorization-server': metadata,
      '/.well-known/openid-configuration': () => ({ status: 500, body: 'unused' }),
    });
    const found = await discoverIssuer(url);
    expect(found.tokenEndpoint).toBe(`${url}/token`);
    expect(requests.map((r) => r.url)).toEqual(['/.well-known/oauth-authorization-server']);
  });

  it('falls back to OpenID configuration after a 404, with a path issuer', async () => {
    const { url, requests } = await serveRoutes({
      '/tenant/.well-known/openid-configuration': (base) => metadata(`${base}/tenant`),
    });
    const found = await discoverIssuer(`${url}/tenant`);
    expect(found.issuer).toBe(`${url}/tenant`);
    expect(requests.map((r) => r.url)).toEqual([
      '/.well-known/oauth-authorization-server/tenant',
      '/tenant/.well-known/openid-configuration',
    ]);
  });

  it('falls back when the first answer is not JSON', async () => {
    const { url } = await serveRoutes({
      '/.well-known/oauth-authorization-server': () => ({
        status: 200,
        body: '<html>app shell</html>',
        type: 'text/html',
      }),
      '/.well-known/openid-configuration': metadata,
    });
    expect((await discoverIssuer(url)).issuer).toBe(url);
  });

  it('matches the issuer after normalisation', async () => {
    const { url } = await serveRoutes({
      '/.well-known/oauth-authorization-server': (base) => ({
        status: 200,
        body: JSON.stringify({ issuer: `${base.toUpperCase()}/`, token_endpoint: `${base}/t` }),
      }),
    });
    const found = await discoverIssuer(`${url}/`);
    expect(found.issuer).toBe(`${url.toUpperCase()}/`);
  });

  it('never falls through to a document for another issuer', async () => {
    const { url, requests } = await serveRoutes({
      '/.well-known/oauth-authorization-server': () => metadata('https://evil.example'),
      '/.well-known/openid-configuration': metadata,
    });
    const error = await rejectionOf(() => discoverIssuer(url));
    expect(IssuerMismatchError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ expected: url, actual: 'https://evil.example' });
    expect(requests).toHaveLength(1);
  });

  it('stops at a server error instead of trying the next location', async () => {
    const { url, requests } = await serveRoutes({
      '/.well-known/oauth-authorization-server': () => ({
        status: 503,
        body: 'down',
        type: 'text/plain',
      }),
      '/.well-known/openid-configuration': metadata,
    });
    const error = await rejectionOf(() => discoverIssuer(url));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('throws DiscoveryError when no location has metadata', async () => {
    const { url } = await serveRoutes({});
    const error = await rejectionOf(() => discoverIssuer(url));
    expect(DiscoveryError.isInstance(error)).toBe(true);
    expect((error as DiscoveryError).attempts).toEqual([
      `${url}/.well-known/oauth-authorization-server`,
      `${url}/.well-known/openid-configuration`,
    ]);
    expect(HttpStatusError.isInstance((error as DiscoveryError).cause)).toBe(true);
  });

  it('passes the HTTP options to each attempt', async () => {
    const { url } = await serveRoutes({});
    const error = await rejectionOf(() => discoverIssuer(url, { sleep: async () => {} }));
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('rejects with TypeError for an invalid issuer', async () => {
    await expect(discoverIssuer('https://as.example/?tenant=1')).rejects.toThrow(TypeError);
  });
});
