import { startIssuer } from '@latch/issuer';
import { runE2eLogin } from './e2e-login.js';

// `pnpm demo`: start the embedded issuer on 127.0.0.1 and run the end-to-end login against it.
const issuer = await startIssuer();
console.log(`embedded issuer        ${issuer.url}\n`);
try {
  await runE2eLogin(issuer, (line) => console.log(line));
  console.log('\ndone: the demo user logged in and refreshed once');
} catch (err) {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await issuer.close();
}
