#!/usr/bin/env node
import { runCli } from './run-cli.js';

// `latch`: Ctrl-C aborts the running command cleanly (a second Ctrl-C exits at once).
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
// Test-only: LATCH_TEST_POLL_MS caps the wait between device polls (the tests' issuer sends
// no interval, so RFC 8628's 5 s default would apply). Never set it against a real issuer.
const cap = Number(process.env.LATCH_TEST_POLL_MS);
const hooks = Number.isFinite(cap) && cap > 0 ? { sleep: pollSleep(cap) } : {};
// No top-level await: the published command is one CommonJS bundle (fast to start).
runCli(process.argv.slice(2), { signal: controller.signal, hooks }).then((code) => {
  process.exitCode = code;
});

function pollSleep(cap: number) {
  return async (ms: number, signal?: AbortSignal) => {
    const { setTimeout: delay } = await import('node:timers/promises');
    await delay(Math.min(ms, cap), undefined, signal ? { signal } : {});
  };
}
