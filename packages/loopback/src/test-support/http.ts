import { connect, type Socket } from 'node:net';

/** A raw HTTP response, as read off the socket. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends `request` verbatim to host:port and reads the response until the server closes. */
export function rawRequest(host: string, port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('utf8'))));
    socket.end(request);
  });
}

/** A `GET` of `target` (path and query) with a Host header naming the loopback address. */
export function rawGet(host: string, port: number, target: string, method = 'GET') {
  const name = host.includes(':') ? `[${host}]` : host;
  return rawRequest(
    host,
    port,
    `${method} ${target} HTTP/1.1\r\nHost: ${name}:${port}\r\nConnection: close\r\n\r\n`,
  );
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end < 0 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: end < 0 ? '' : text.slice(end + 4),
  };
}

/**
 * Follows a callback the way a browser does: GET it, then GET the 303's Location. Returns both
 * responses.
 */
export async function followCallback(callbackUrl: string) {
  const url = new URL(callbackUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port);
  const first = await rawGet(host, port, `${url.pathname}${url.search}`);
  const location = first.headers.location;
  const page = location === undefined ? undefined : await rawGet(host, port, location);
  return { first, page, receivedAt: performance.now() };
}

/** Resolves with the connect error code (`ECONNREFUSED` once the port is closed), or `'connected'`. */
export function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Polls until a connect is refused; returns the milliseconds that took, or Infinity after `limitMs`. */
export async function msUntilRefused(host: string, port: number, limitMs = 1000): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if ((await tryConnect(host, port)) === 'ECONNREFUSED') return performance.now() - start;
  }
  return Number.POSITIVE_INFINITY;
}
