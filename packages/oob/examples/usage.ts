import { createServer, type Server } from 'node:http';
import {
  callbackUrlBuilder,
  createCallbackHandler,
  MemoryStore,
  NamespaceContext,
  OobManager,
  type Store,
} from '@latch/oob';

/** What the server remembers about a login while it is out of band. */
export interface LoginState {
  readonly provider: string;
  readonly returnTo: string;
}

/**
 * A multi-tenant server's out-of-band logins. `startLogin` runs on behalf of a tenant and
 * returns the URL to show; the callback, whichever tenant's it is, runs in that tenant.
 */
export async function startOobServer(
  onConnected: (tenant: string, state: LoginState) => void,
  store: Store<LoginState> = new MemoryStore(), // or RedisStore from '@latch/oob/redis'
) {
  const namespaces = new NamespaceContext();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const oob = new OobManager<LoginState>({
    namespaceProvider: namespaces.provider, // the tenant of the current call
    store,
    callbackUrl: callbackUrlBuilder(`http://127.0.0.1:${port}`), // …/oob/callback/{id}
  });

  server.on(
    'request',
    createCallbackHandler(
      store,
      async (pending, _req, res) => {
        // Runs inside pending.namespace: the manager sees this tenant's pendings only.
        const finished = await oob.complete(pending.id); // atomic: a replay gets undefined
        if (finished) onConnected(pending.namespace, finished.data);
        res.end(finished ? 'Connected. You can close this tab.' : 'Already connected.');
      },
      { namespaces, onError: (error) => console.error('oob callback failed', error) },
    ),
  );

  return {
    /** Starts a login for `tenant`; the URL goes to the provider or onto the tenant's page. */
    startLogin: (tenant: string, provider: string) =>
      namespaces.run(tenant, () =>
        oob.create({
          kind: 'oauth_redirect',
          resource: provider,
          data: { provider, returnTo: `/tenants/${tenant}/accounts` },
        }),
      ),
    /** The logins `tenant` still has open. */
    openLogins: (tenant: string) => namespaces.run(tenant, () => oob.list()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
