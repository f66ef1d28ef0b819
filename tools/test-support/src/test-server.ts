import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach } from 'vitest';

/** A request as the test server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The body parsed as a form (`application/x-www-form-urlencoded`). */
  readonly form: URLSearchParams;
}

/** A node:http server on 127.0.0.1 with a port of its own, for fault tests. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request received, body included. */
  readonly requests: SeenRequest[];
  /** Resolves when every socket opened so far has closed. */
  socketsClosed(): Promise<void>;
  /** Stops the server and destroys open connections. */
  close(): Promise<void>;
}

/** Handles one request; the body has been read into `request.body`. */
export type TestHandler = (
  request: SeenRequest,
  res: ServerResponse,
  socket: Socket,
) => void | Promise<void>;

/**
 * Starts a test server on 127.0.0.1, port 0. Only the tests' own loopback traffic reaches it.
 */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const closing: Promise<void>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        get form() {
          return new URLSearchParams(this.body);
        },
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res, req.socket)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.on('connection', (socket) => {
    closing.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    socketsClosed: async () => {
      await Promise.all(closing);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends a body with the given status, as `application/json` unless `headers` say otherwise: a
 * string is sent as it is (malformed JSON included), anything else serialised.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Gives a test file `serve(handler)`: each call starts a server, and all of them are closed
 * after each test.
 */
export function useTestServer(): (handler: TestHandler) => Promise<TestServer> {
  const open: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startTestServer(handler);
    open.push(server);
    return server;
  };
}
