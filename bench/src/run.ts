import { Bench } from 'tinybench';
import { cliStartSuite } from './cli-start.js';
import { runDemoServerBench } from './demo-server.js';
import { pkceSuite } from './pkce.js';
import { proclockSuite } from './proclock.js';
import type { BenchSuite, BenchTask } from './suite.js';
import { tokenManagerCachedSuite, tokenManagerExpirySuite } from './token-manager.js';
import { tokenstoreReadSuite, tokenstoreWriteSuite } from './tokenstore.js';

const suites: readonly BenchSuite[] = [
  pkceSuite,
  proclockSuite,
  tokenstoreWriteSuite,
  tokenstoreReadSuite,
  tokenManagerCachedSuite,
  tokenManagerExpirySuite,
  cliStartSuite,
];

const only = process.argv.slice(2);
const timeMs = Number(process.env.BENCH_TIME_MS ?? 1000);

function micros(ms: number): string {
  return `${(ms * 1000).toFixed(2)} µs`;
}

async function runSuite(suite: BenchSuite): Promise<boolean> {
  await suite.setup?.();
  try {
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(250, timeMs / 4) });
    const tasks: BenchTask[] = [suite.baseline, ...suite.subjects];
    for (const task of tasks) bench.add(task.name, task.fn);
    await bench.run();
    const stats = new Map<string, { mean: number; rme: number }>();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') {
        throw new Error(`${suite.name} / ${task.name}: ${result.state}`);
      }
      stats.set(task.name, { mean: result.latency.mean, rme: result.latency.rme });
    }
    const base = stats.get(suite.baseline.name);
    if (!base) throw new Error(`${suite.name}: the baseline did not run`);
    console.log(`\n${suite.name}`);
    console.log(
      `  baseline  ${suite.baseline.name}: ${micros(base.mean)} ±${base.rme.toFixed(1)}%`,
    );
    let met = true;
    for (const subject of suite.subjects) {
      const s = stats.get(subject.name);
      if (!s) throw new Error(`${suite.name} / ${subject.name}: did not run`);
      const ratio = s.mean / base.mean;
      const target =
        subject.maxRatio === undefined
          ? ''
          : ratio <= subject.maxRatio
            ? `  (target ≤ ${subject.maxRatio}×: met)`
            : `  (target ≤ ${subject.maxRatio}×: MISSED)`;
      if (subject.maxRatio !== undefined && ratio > subject.maxRatio) met = false;
      console.log(
        `  ${ratio.toFixed(2)}× baseline  ${subject.name}: ${micros(s.mean)} ±${s.rme.toFixed(1)}%${target}`,
      );
    }
    return met;
  } finally {
    await suite.teardown?.();
  }
}

let allMet = true;
for (const suite of suites) {
  if (only.length > 0 && !only.some((word) => suite.name.includes(word))) continue;
  allMet = (await runSuite(suite)) && allMet;
}
// A load test rather than a timed function: wrk against the demo server.
if (only.length === 0 || only.some((word) => 'demo-server'.includes(word))) {
  allMet = (await runDemoServerBench()) && allMet;
}
if (!allMet) {
  console.error('\nsome benchmark targets were missed');
  process.exitCode = 1;
}
