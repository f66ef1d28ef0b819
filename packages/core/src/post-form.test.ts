import {
  expectNoSecrets,
  rejectionOf,
  SECRET,
  SECRET_TOKEN_BODY,
  sendJson,
  useTestServer,
} from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error.js';
import { postForm } from './post-form.js';
import { HttpStatusError, InvalidResponseError } from './response-errors.js';

const tokenBody = SECRET_TOKEN_BODY;
const serve = useTestServer();

describe('postForm against a real HTTP server', () => {
  it('sends a form with the expected headers and returns the parsed JSON', async () => {
    const { url, requests } = await serve((_req, res) => sendJson(res, 200, '{"ok":true}'));
    const result = await postForm(
      `${url}/token`,
      { grant_type: 'refresh_token', resource: ['https://a', 'https://b'], scope: undefined },
      {
        client: { clientId: 'latch-cli' },
        userAgent: 'latch-test/1.0',
        headers: { 'X-Extra': 'yes', Accept: 'text/html' },
      },
    );
    expect(result).toMatchObject({ status: 200, body: { ok: true } });
    const seen = requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['user-agent']).toBe('latch-test/1.0');
    expect(seen?.headers['x-extra']).toBe('yes');
    expect(new URLSearchParams(seen?.body).getAll('resource')).toEqual(['https://a', 'https://b']);
    expect(seen?.body).toBe(
      'grant_type=refresh_token&resource=https%3A%2F%2Fa&resource=https%3A%2F%2Fb&client_id=latch-cli',
    );
  });

  it('sends a client secret with HTTP Basic and never quotes it in errors', async () => {
    const { url, requests } = await serve((_req, res) =>
      sendJson(res, 401, '{"error":"invalid_client"}'),
    );
    const error = await rejectionOf(() =>
      postForm(
        `${url}/token`,
        { grant_type: 'client_credentials' },
        {
          client: { clientId: 'svc', clientSecret: SECRET.clientSecret },
        },
      ),
    );
    expect(requests[0]?.headers.authorization).toMatch(/^Basic /);
    expect(requests[0]?.body).not.toContain(SECRET.clientSecret);
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'invalid_client', status: 401 });
    expectNoSecrets(error);
  });

  it('HTML with 500 → HttpStatusError', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<html><body>${SECRET.accessToken} crashed</body></html>`);
    });
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect((error as HttpStatusError).status).toBe(500);
    expectNoSecrets(error);
  });

  it('HTML with 200 → InvalidResponseError', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html>${SECRET.accessToken}</html>`);
    });
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('text/html');
    expectNoSecrets(error);
  });

  it('a 4xx OAuth error body → OAuthError, verbatim code, Retry-After kept', async () => {
    const { url } = await serve((_req, res) =>
      sendJson(res, 400, '{"error":"slow_down","error_description":"too fast"}', {
        'retry-after': '12',
      }),
    );
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'slow_down', status: 400, retryAfter: 12 });
  });

  it('429 and 503 with Retry-After → HttpStatusError with retryAfter', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const { url } = await serve((req, res) => {
      if (req.url === '/429') {
        res.writeHead(429, { 'retry-after': '30', 'content-type': 'text/plain' });
        res.end('slow down');
      } else {
        res.writeHead(503, { 'retry-after': 'Tue, 01 Jan 2030 00:02:00 GMT' });
        res.end('<h1>maintenance</h1>');
      }
    });
    const tooMany = await rejectionOf(() => postForm(`${url}/429`, { a: 'b' }));
    expect(HttpStatusError.isInstance(tooMany)).toBe(true);
    expect(tooMany).toMatchObject({ status: 429, retryAfter: 30 });
    const unavailable = await rejectionOf(() =>
      postForm(`${url}/503`, { a: 'b' }, { now: () => now }),
    );
    expect(HttpStatusError.isInstance(unavailable)).toBe(true);
    expect(unavailable).toMatchObject({ status: 503, retryAfter: 120 });
  });

  it('does not follow a 302 redirect', async () => {
    const { url, requests } = await serve((req, res) => {
      if (req.url === '/token') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else {
        sendJson(res, 200, tokenBody);
      }
    });
    const error = await rejectionOf(() => postForm(`${url}/token`, { a: 'b' }));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect((error as HttpStatusError).status).toBe(302);
    expect(requests.map((r) => r.url)).toEqual(['/token']);
  });
});
