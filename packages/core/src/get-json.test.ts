import { rejectionOf, sendJson, startTestServer, type TestServer } from '@latch/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { getJson } from './get-json.js';
import { HttpStatusError } from './response-errors.js';
import { InsecureEndpointError } from './transport-errors.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('getJson', () => {
  it('GETs with Accept: application/json and no body', async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, '{"issuer":"x"}'));
    const result = await getJson(`${server.url}/.well-known/x`);
    expect(result.body).toEqual({ issuer: 'x' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', body: '', url: '/.well-known/x' });
    expect(server.requests[0]?.headers.accept).toBe('application/json');
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('shares postForm’s handling of statuses', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    const error = await rejectionOf(() => getJson(`${server?.url}/missing`));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect((error as HttpStatusError).status).toBe(404);
  });

  it('refuses plain http to other hosts unless allowInsecureHttp', async () => {
    const error = await rejectionOf(() => getJson('http://as.example/.well-known/x'));
    expect(InsecureEndpointError.isInstance(error)).toBe(true);
    const calls: string[] = [];
    const fetch = async (url: string) => {
      calls.push(url);
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    await getJson('http://as.example/x', { allowInsecureHttp: true, fetch });
    expect(calls).toEqual(['http://as.example/x']);
  });
});
