import { expectNoSecrets, rejectionOf, SECRET } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { OAuthError } from './oauth-error.js';
import { parseJsonResponse } from './parse-json-response.js';
import { HttpStatusError, InvalidResponseError, ResponseTooLargeError } from './response-errors.js';
import { AbortError } from './transport-errors.js';

const json = { 'content-type': 'application/json' };

describe('parseJsonResponse', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    ' application/json ',
  ])('accepts content type %j', async (type) => {
    const response = new Response('{"a":1}', { status: 200, headers: { 'content-type': type } });
    const result = await parseJsonResponse(response);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ a: 1 });
    expect(result.headers.get('content-type')).toBe(type.trim());
  });

  it('hands null and arrays to the parsers (they check the shape)', async () => {
    expect((await parseJsonResponse(new Response('null', { headers: json }))).body).toBeNull();
    expect((await parseJsonResponse(new Response('[]', { headers: json }))).body).toEqual([]);
  });

  it.each([
    ['text/html', '<html>500</html>'],
    ['application/jsonp', '{}'],
    ['text/plain', `{"access_token":"${SECRET.accessToken}"}`],
    [null, `{"access_token":"${SECRET.accessToken}"}`],
  ])('refuses a 2xx with content type %j', async (type, body) => {
    const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
    const response = new Response(new Blob([body]).stream(), { status: 200, headers });
    const error = await rejectionOf(() => parseJsonResponse(response));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as InvalidResponseError).status).toBe(200);
    expectNoSecrets(error);
  });

  it.each([
    ['truncated', `{"access_token":"${SECRET.accessToken}`],
    ['empty', ''],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
  ])('refuses a %s JSON body without quoting it', async (_name, body) => {
    const error = await rejectionOf(() => parseJsonResponse(new Response(body, { headers: json })));
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not valid JSON');
    expect((error as Error).cause).toBeUndefined();
    expectNoSecrets(error);
  });

  it('turns a 4xx JSON error body into an OAuthError with status and Retry-After', async () => {
    const response = new Response('{"error":"invalid_grant","error_description":"expired"}', {
      status: 400,
      headers: { ...json, 'retry-after': '7' },
    });
    const error = await rejectionOf(() => parseJsonResponse(response));
    expect(OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ error: 'invalid_grant', status: 400, retryAfter: 7 });
  });

  it('measures a Retry-After date with the injected clock', async () => {
    const response = new Response('busy', {
      status: 503,
      headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' },
    });
    const now = () => Date.parse('2015-10-21T07:27:00Z');
    const error = await rejectionOf(() => parseJsonResponse(response, { now }));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, retryAfter: 60 });
  });

  it.each([
    [500, 'text/html', '<h1>Internal Server Error</h1>'],
    [502, 'application/json', '{"message":"bad gateway"}'],
    [400, 'application/json', '{"error":'],
    [404, 'application/json', 'null'],
    [401, 'text/plain', 'nope'],
  ])('turns a %d %s without an OAuth error into HttpStatusError', async (status, type, body) => {
    const response = new Response(body, { status, headers: { 'content-type': type } });
    const error = await rejectionOf(() => parseJsonResponse(response));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect((error as HttpStatusError).status).toBe(status);
  });

  it('refuses redirects', async () => {
    const response = new Response(null, { status: 302, headers: { location: 'https://evil' } });
    const error = await rejectionOf(() => parseJsonResponse(response));
    expect(HttpStatusError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('does not follow redirects');
  });

  it('refuses a body over the limit by Content-Length, or while streaming', async () => {
    const declared = new Response('{"a":"0123456789"}', {
      headers: { ...json, 'content-length': '18' },
    });
    const first = await rejectionOf(() => parseJsonResponse(declared, { maxResponseBytes: 10 }));
    expect(ResponseTooLargeError.isInstance(first)).toBe(true);
    expect((first as ResponseTooLargeError).maxBytes).toBe(10);

    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const streaming = new Response(endless, { headers: json });
    const second = await rejectionOf(() =>
      parseJsonResponse(streaming, { maxResponseBytes: 4096 }),
    );
    expect(ResponseTooLargeError.isInstance(second)).toBe(true);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('skips the body of a 2xx with ignoreSuccessBody, but still reads errors', async () => {
    const ok = await parseJsonResponse(new Response('', { status: 200 }), {
      ignoreSuccessBody: true,
    });
    expect(ok.body).toBeUndefined();
    const error = await rejectionOf(() =>
      parseJsonResponse(
        new Response('{"error":"unsupported_token_type"}', { status: 400, headers: json }),
        { ignoreSuccessBody: true },
      ),
    );
    expect(OAuthError.isInstance(error)).toBe(true);
  });

  it('stops reading when the signal aborts', async () => {
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    const controller = new AbortController();
    const reading = rejectionOf(() =>
      parseJsonResponse(new Response(stalled, { headers: json }), { signal: controller.signal }),
    );
    controller.abort(new Error('stop'));
    const error = await reading;
    expect(AbortError.isInstance(error)).toBe(true);
  });
});
