import { startIssuer } from '@latch/issuer';
import { runDemo } from './demo-run.js';

// `pnpm demo`: start the embedded issuer on 127.0.0.1 and run `latch` against it. Without a
// TTY (CI) or with --unattended, a scripted demo user approves the login.
const unattended =
  process.argv.includes('--unattended') || !process.stdin.isTTY || !process.stderr.isTTY;
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const issuer = await startIssuer();
console.log(`embedded issuer ${issuer.url}${unattended ? ' (unattended)' : ''}`);
try {
  await runDemo(issuer, {
    unattended,
    print: (line) => console.log(line),
    stderr: unattended ? undefined : process.stderr,
    signal: controller.signal,
  });
  console.log('\ndone: logged in, used, refreshed, exchanged and logged out; no token printed');
} catch (err) {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await issuer.close();
}
