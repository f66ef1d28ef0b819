// Holds a lock, then blocks its own event loop until <goFile> exists (the parent creates it once
// it has taken the lock over), and reports as one JSON line what it was told about the takeover.
// Usage: node stall-child.mjs <lockDir> <name> <goFile> <mode: withLock | signal | release>
import { existsSync } from 'node:fs';
import { acquire, LockCompromisedError, withLock } from '../../dist/index.js';

const [dir, name, goFile, mode] = process.argv.slice(2);
const options = {
  dir,
  staleMs: 2000,
  onCompromised: (error) => {
    report.onCompromised = (report.onCompromised ?? 0) + 1;
    report.onCompromisedCode = error.code;
  },
};
const report = { mode };

function stall() {
  process.stdout.write('locked\n');
  const end = Date.now() + 20_000;
  while (!existsSync(goFile) && Date.now() < end) {
    // busy: no timer, no I/O callback runs, so the lock is not refreshed
  }
}

function describe(error) {
  return {
    code: error?.code,
    name: error?.name,
    typed: LockCompromisedError.isInstance(error),
    branded: error?.[Symbol.for('latch.error')] === true,
  };
}

if (mode === 'withLock') {
  try {
    await withLock(name, () => stall(), options);
    report.withLock = 'resolved';
  } catch (error) {
    report.withLock = describe(error);
  }
} else {
  const lock = await acquire(name, options);
  stall();
  if (mode === 'release') {
    await lock.release(); // before proper-lockfile's overdue refresh timer can notice
  } else {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      lock.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await lock.release();
  }
  report.signal = lock.signal.aborted ? describe(lock.signal.reason) : 'not aborted';
  report.compromised = lock.compromised;
}
process.stdout.write(`${JSON.stringify(report)}\n`);
// Exit at once: proper-lockfile's exit hook runs now, and must not remove the new holder's lock.
process.exit(0);
