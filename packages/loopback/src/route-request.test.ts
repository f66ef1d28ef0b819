import { describe, expect, it } from 'vitest';
import { type RouteContext, routeRequest } from './route-request.js';

const context: RouteContext = {
  callbackPath: '/callback',
  donePath: '/done/abc',
  accepted: false,
  expected: { state: 's1' },
};
const HOST = '127.0.0.1:5000';

function status(method: string, target: string, host = HOST, ctx = context) {
  const decision = routeRequest(method, target, host, ctx);
  return decision.kind === 'page' ? decision.status : decision.kind;
}

describe('routeRequest', () => {
  it('treats only GET of the callback path as a callback', () => {
    expect(status('GET', '/callback?code=c&state=s1')).toBe('callback');
    expect(status('POST', '/callback?code=c&state=s1')).toBe(405);
    expect(status('HEAD', '/callback?code=c&state=s1')).toBe(405);
    expect(routeRequest('PUT', '/callback', HOST, context)).toMatchObject({ allow: 'GET' });
    expect(status('GET', '/favicon.ico')).toBe(404);
    expect(status('GET', '/callback/?code=c&state=s1')).toBe(404);
    expect(status('GET', '/%63allback?code=c&state=s1')).toBe(404);
    expect(status('GET', '/')).toBe(404);
  });

  it('answers 400 to a Host that does not name this machine (DNS rebinding) or a strange target', () => {
    expect(status('GET', '/callback?code=c&state=s1', 'attacker.example:5000')).toBe(400);
    expect(status('GET', '/callback?code=c&state=s1', '')).toBe(400);
    expect(status('GET', '/callback?code=c&state=s1', 'a@127.0.0.1:5000')).toBe(400);
    expect(status('GET', '/callback?code=c&state=s1', '[::1]:5000')).toBe('callback');
    expect(status('GET', '/callback?code=c&state=s1', 'localhost:5000')).toBe('callback');
    expect(status('GET', 'http://127.0.0.1:5000/callback?code=c&state=s1')).toBe(400);
    expect(status('OPTIONS', '*')).toBe(400);
  });

  it('answers 400 to bad percent-encoding and 414 to an over-long query', () => {
    expect(status('GET', '/callback?code=%zz&state=s1')).toBe(400);
    expect(status('GET', `/callback?code=c&state=s1&pad=${'x'.repeat(8192)}`)).toBe(414);
  });

  it('serves the result page only after a callback was accepted, and only to GET', () => {
    expect(status('GET', '/done/abc')).toBe(404);
    const accepted = { ...context, accepted: true };
    expect(status('GET', '/done/abc', HOST, accepted)).toBe('result');
    expect(status('POST', '/done/abc', HOST, accepted)).toBe(405);
    expect(status('GET', '/done/other', HOST, accepted)).toBe(404);
    expect(status('GET', '/callback?code=c&state=s1', HOST, accepted)).toBe(409);
  });
});
