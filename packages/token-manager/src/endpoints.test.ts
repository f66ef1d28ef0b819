import type { AuthorizationServerMetadata } from '@latch/core';
import { sendJson, useTestServer } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { EndpointResolver, endpointsFrom } from './endpoints.js';
import { useIssuer } from './test-support/fixtures.js';

const getIssuer = useIssuer();
const serve = useTestServer();

describe('EndpointResolver', () => {
  it('discovers both endpoints from the embedded issuer (it lists token exchange)', async () => {
    const issuer = getIssuer();
    const resolver = new EndpointResolver(issuer.url, undefined, () => ({}));
    expect(await resolver.refresh(undefined)).toBe(`${issuer.url}/token`);
    expect(await resolver.exchange(undefined)).toBe(`${issuer.url}/token`);
  });

  it('uses configured endpoints and never asks the issuer', async () => {
    const server = await serve((_request, res) => sendJson(res, 500, {}));
    const resolver = new EndpointResolver(
      server.url,
      { refresh: 'https://as.example/token' },
      () => ({}),
    );
    expect(await resolver.refresh(undefined)).toBe('https://as.example/token');
    expect(await resolver.exchange(undefined)).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it('discovers once for concurrent callers, and tries again after a failure', async () => {
    let fail = true;
    const server = await serve((request, res) => {
      if (fail) {
        fail = false;
        sendJson(res, 503, 'busy', { 'content-type': 'text/plain' });
        return;
      }
      expect(request.url).toBe('/.well-known/oauth-authorization-server');
      sendJson(res, 200, {
        issuer: server.url,
        token_endpoint: `${server.url}/token`,
        response_types_supported: ['code'],
      });
    });
    const resolver = new EndpointResolver(server.url, undefined, () => ({}));
    await expect(resolver.refresh(undefined)).rejects.toMatchObject({ code: 'http_status' });
    const answers = await Promise.all([
      resolver.refresh(undefined),
      resolver.exchange(undefined),
      resolver.refresh(undefined),
    ]);
    expect(answers).toEqual([`${server.url}/token`, undefined, `${server.url}/token`]);
    expect(await resolver.refresh(undefined)).toBe(`${server.url}/token`);
    expect(server.requests).toHaveLength(2);
  });

  it("stops a caller's wait on its signal", async () => {
    const server = await serve(() => new Promise(() => {}));
    const resolver = new EndpointResolver(server.url, undefined, () => ({ timeoutMs: 5_000 }));
    const controller = new AbortController();
    const waiting = resolver.refresh(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('endpointsFrom', () => {
  const metadata = (grantTypesSupported?: string[]): AuthorizationServerMetadata => ({
    issuer: 'https://as.example',
    tokenEndpoint: 'https://as.example/token',
    raw: {},
    ...(grantTypesSupported === undefined ? {} : { grantTypesSupported }),
  });

  it('refreshes at the token endpoint, and exchanges there only when it is listed', () => {
    expect(endpointsFrom(metadata())).toEqual({
      refresh: 'https://as.example/token',
      exchange: undefined,
    });
    expect(endpointsFrom(metadata(['refresh_token']))).toMatchObject({ exchange: undefined });
    expect(
      endpointsFrom(metadata(['urn:ietf:params:oauth:grant-type:token-exchange'])),
    ).toMatchObject({ exchange: 'https://as.example/token' });
  });
});
