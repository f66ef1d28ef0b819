import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

/** What the polling load is given. */
export interface PollingLoadInput {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  /** The pause between an answer and the same connection's next request. */
  readonly gapMs: number;
  readonly durationMs: number;
}

/** What it measured: latency from a request's send to its answer's end. */
export interface PollingLoadResult {
  readonly count: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * `connections` keep-alive connections that each send a GET, read the whole answer, pause
 * about `gapMs` and poll again, until `durationMs` passed: how pages polling a status endpoint load
 * a server, without the queueing of a saturating load.
 */
export async function pollingLoad(input: PollingLoadInput): Promise<PollingLoadResult> {
  const url = new URL(input.url);
  // undici's pool: a lighter client than node:http's, so less of the measured latency is the
  // client's own queue.
  const pool = new Pool(url.origin, { connections: input.connections, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + input.durationMs;
  const poll = async () => {
    const sent = performance.now();
    try {
      const response = await pool.request({
        method: 'GET',
        path: `${url.pathname}${url.search}`,
        headers: input.headers,
      });
      await response.body.dump();
      latencies.push(performance.now() - sent);
      if (response.statusCode !== 200) failures += 1;
    } catch {
      failures += 1;
    }
  };
  // Each connection starts at a random point of the gap and pauses a jittered gap (½–1½×), as
  // independent pages would: in step, all of them would arrive in one burst every gap.
  const connection = async () => {
    await sleep(Math.random() * input.gapMs);
    while (performance.now() < end) {
      await poll();
      await sleep(input.gapMs * (0.5 + Math.random()));
    }
  };
  try {
    await Promise.all(Array.from({ length: input.connections }, connection));
  } finally {
    await pool.close();
  }
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.floor(q * (sorted.length - 1))] ?? 0) * 100) / 100;
  return { count: sorted.length, failures, p50Ms: at(0.5), p99Ms: at(0.99) };
}

// Run as a child process (bench/src/demo-server.ts forks it): one input in, one result out.
if (process.send !== undefined) {
  process.once('message', (input: PollingLoadInput) => {
    pollingLoad(input).then((result) => process.send?.(result));
  });
}
