import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * One scripted answer: a status with a JSON (or raw text) body and headers; `'hang'` (never
 * answer); or `'reset'` (destroy the connection).
 */
export type ScriptedAnswer =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | 'hang'
  | 'reset';

/** The answers for each path, in order. */
export type Scripts = Readonly<Record<string, readonly ScriptedAnswer[]>>;

/** A request the scripted server received. */
export interface ScriptedRequest {
  /** The request path. */
  readonly path: string;
  /** The form body. */
  readonly form: URLSearchParams;
  /** The injected clock's time when it arrived. */
  readonly at: number;
}

/** A node:http server on 127.0.0.1 answering each path from its own script, in order. */
export interface ScriptedServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `${url}/token` */
  readonly tokenEndpoint: string;
  /** `${url}/device` */
  readonly deviceEndpoint: string;
  /** Every request, in order of arrival. */
  readonly requests: ScriptedRequest[];
  /** The requests to `/token`. */
  polls(): ScriptedRequest[];
  /** Requests that arrived after their path's script ran out (each got a 500). */
  readonly unscripted: string[];
  /** Calls `listener` when a request for `path` arrives, before it is answered. */
  onRequest(listener: (request: ScriptedRequest) => void): void;
  /** Resolves when every connection opened so far has closed. */
  connectionsClosed(): Promise<void>;
  /** Stops the server, destroying open connections. */
  close(): Promise<void>;
}

/** `authorization_pending` (RFC 8628 §3.5) as a 400, with optional headers. */
export const pending = (headers?: Record<string, string>): ScriptedAnswer => ({
  status: 400,
  json: { error: 'authorization_pending' },
  ...(headers ? { headers } : {}),
});

/** `slow_down` (RFC 8628 §3.5) as a 400. */
export const slowDown: ScriptedAnswer = { status: 400, json: { error: 'slow_down' } };

/** An OAuth error body as a 400. */
export const oauthError = (error: string, description?: string): ScriptedAnswer => ({
  status: 400,
  json: { error, ...(description === undefined ? {} : { error_description: description }) },
});

/** A 200 with `json`. */
export const ok = (json: unknown): ScriptedAnswer => ({ status: 200, json });

/**
 * Starts a scripted server. Requests to a path with no script left, or no script at all, get
 * a 500 and are recorded in `unscripted`.
 */
export async function startScriptedServer(
  scripts: Scripts | ((url: string) => Scripts),
  now: () => number = Date.now,
): Promise<ScriptedServer> {
  const queues = new Map<string, ScriptedAnswer[]>();
  const requests: ScriptedRequest[] = [];
  const unscripted: string[] = [];
  const listeners: ((request: ScriptedRequest) => void)[] = [];
  const closing: Promise<void>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const seen: ScriptedRequest = {
        path,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        at: now(),
      };
      requests.push(seen);
      for (const listener of listeners) listener(seen);
      const answer = queues.get(path)?.shift();
      if (answer === undefined) {
        unscripted.push(path);
        res.writeHead(500, { 'content-type': 'text/plain' }).end('unscripted request');
        return;
      }
      respond(res, answer, req.socket.destroy.bind(req.socket));
    });
  });
  server.on('connection', (socket) => {
    closing.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const scripted = typeof scripts === 'function' ? scripts(url) : scripts;
  for (const [path, list] of Object.entries(scripted)) queues.set(path, [...list]);
  return {
    url,
    tokenEndpoint: `${url}/token`,
    deviceEndpoint: `${url}/device`,
    requests,
    polls: () => requests.filter((request) => request.path === '/token'),
    unscripted,
    onRequest: (listener) => {
      listeners.push(listener);
    },
    connectionsClosed: async () => {
      await Promise.all(closing);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(res: ServerResponse, answer: ScriptedAnswer, destroy: () => void): void {
  if (answer === 'hang') return;
  if (answer === 'reset') {
    destroy();
    return;
  }
  const body = answer.text ?? JSON.stringify(answer.json ?? {});
  const type = answer.text === undefined ? 'application/json' : 'text/html';
  res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
  res.end(body);
}

/** Gives a test file scripted servers that are closed after each test. */
export function useScriptedServers(): typeof startScriptedServer {
  const open: ScriptedServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (scripts, now) => {
    const server = await startScriptedServer(scripts, now);
    open.push(server);
    return server;
  };
}
