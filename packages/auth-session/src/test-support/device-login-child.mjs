// A login CLI built on the BUILT @latch/device-grant: `node device-login-child.mjs <issuer>
// [--sleep-ms N] [--leak]`. It runs deviceLogin against the issuer, prints the verification
// line and, once approved, "logged in as <sub>". --sleep-ms caps each wait between polls (the
// issuer sends no interval, so device-grant would wait 5 s); --leak also prints the tokens, to
// test that the session's transcript redacts them.
import { readJwtClaims } from '../../../core/dist/index.js';
import { deviceLogin } from '../../../device-grant/dist/index.js';

const [issuer, ...flags] = process.argv.slice(2);
const capIndex = flags.indexOf('--sleep-ms');
const cap = capIndex >= 0 ? Number(flags[capIndex + 1]) : undefined;
const sleep =
  cap === undefined
    ? undefined
    : (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, Math.min(ms, cap));
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });

try {
  const tokens = await deviceLogin({
    issuer,
    clientId: 'latch-cli',
    scope: 'openid email api:read',
    ...(sleep ? { sleep } : {}),
    onVerification: ({ verificationUri, userCode }) => {
      console.log(`To sign in, open ${verificationUri} and enter the code ${userCode}`);
    },
  });
  if (flags.includes('--leak')) {
    console.log(`debug: access_token=${tokens.accessToken}`);
    console.log(`debug: Authorization: Bearer ${tokens.accessToken}`);
    console.error(`debug: {"refresh_token": "${tokens.refreshToken}"}`);
    console.error(`debug: id token ${tokens.idToken}`);
  }
  console.log(`logged in as ${readJwtClaims(tokens.accessToken)?.sub}`);
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
