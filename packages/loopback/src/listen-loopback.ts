import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PortUnavailableError } from './port-unavailable-error.js';

/** How {@link listenLoopback} listens. @internal */
export interface ListenLoopbackOptions {
  /**
   * The addresses to bind, the redirect's first; the others are bound where the machine has
   * them. When the first is missing (no IPv6), the next takes its place.
   */
  readonly hosts: readonly [string, ...string[]];
  /** The port; 0 for a free one (the same on every address). */
  readonly port: number;
  /**
   * The limit for receiving a request's headers (and whole request), in milliseconds. node
   * counts it from the connection's start, so it also closes connections that send nothing.
   */
  readonly headersTimeoutMs: number;
}

/** The listening sockets of one loopback server. @internal */
export interface LoopbackListeners {
  /** The port every address listens on. */
  readonly port: number;
  /** The addresses bound, the redirect's first. */
  readonly hosts: readonly string[];
  /** Stops listening and destroys every connection; resolves once the port is free. */
  close(): Promise<void>;
}

/** Errors meaning "this machine has no such address", not "it is taken". */
const ADDRESS_ABSENT = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);
const FREE_PORT_ATTEMPTS = 8;

/**
 * Binds `handler` on every loopback address given, on one port. The first address must bind;
 * another that the machine lacks (no IPv6) is skipped; another whose port is taken makes a
 * free-port bind start over on a new port, and a fixed-port bind fail — never a half-owned
 * port. Sockets are exclusive (no cluster sharing, no `SO_REUSEPORT`), never on `0.0.0.0`.
 *
 * @param handler - The request listener.
 * @param options - Addresses, port and header timeout.
 * @returns The listeners.
 * @throws {@link PortUnavailableError} when the first address or a taken port cannot be bound.
 * @internal
 */
export async function listenLoopback(
  handler: RequestListener,
  options: ListenLoopbackOptions,
): Promise<LoopbackListeners> {
  let [first, ...others] = options.hosts;
  for (let attempt = 1; ; attempt++) {
    let primary: Listener;
    try {
      primary = await listen(handler, first, options.port, options);
    } catch (error) {
      const next = others[0];
      if (next !== undefined && ADDRESS_ABSENT.has(errorCode(error))) {
        // The redirect's address is missing here (no IPv6): the next one takes its place.
        [first, ...others] = [next, ...others.slice(1)];
        continue;
      }
      throw new PortUnavailableError({ host: first, port: options.port, cause: error });
    }
    const bound: Listener[] = [primary];
    const port = (primary.server.address() as AddressInfo).port;
    let retry = false;
    for (const host of others) {
      try {
        bound.push(await listen(handler, host, port, options));
      } catch (error) {
        const code = errorCode(error);
        if (ADDRESS_ABSENT.has(code)) continue;
        await closeAll(bound);
        if (options.port === 0 && code === 'EADDRINUSE' && attempt < FREE_PORT_ATTEMPTS) {
          retry = true;
          break;
        }
        throw new PortUnavailableError({ host, port: options.port, cause: error });
      }
    }
    if (retry) continue;
    let closing: Promise<void> | undefined;
    return {
      port,
      hosts: bound.map((listener) => listener.host),
      close: () => {
        closing ??= closeAll(bound);
        return closing;
      },
    };
  }
}

interface Listener {
  readonly host: string;
  readonly server: Server;
  readonly sockets: Set<Socket>;
}

function listen(
  handler: RequestListener,
  host: string,
  port: number,
  options: ListenLoopbackOptions,
): Promise<Listener> {
  const timeout = options.headersTimeoutMs;
  const server = createServer(
    {
      headersTimeout: timeout,
      requestTimeout: timeout,
      // How often node looks for connections past those limits (idle ones included).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeout / 4))),
      keepAliveTimeout: Math.min(timeout, 5000),
      requireHostHeader: true,
    },
    handler,
  );
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true, ipv6Only: host.includes(':') }, () => {
      server.off('error', reject);
      // Accept failures (EMFILE under a flood) must not crash the CLI; the login goes on.
      server.on('error', () => {});
      resolve({ host, server, sockets });
    });
  });
}

async function closeAll(listeners: readonly Listener[]): Promise<void> {
  const closed = listeners.map(
    ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  for (const { server, sockets } of listeners) {
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
  }
  await Promise.all(closed);
}

function errorCode(error: unknown): string {
  return String((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}
