import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import { probeKeyring } from '../probe-keyring.js';

/** Whether this run must have a Secret Service: under CI, or when the test script found one. */
const required = process.env.CI === 'true' || process.env.LATCH_TEST_SECRET_SERVICE === 'present';

/**
 * Whether a real Secret Service answers on the session bus (probed once per test file). When
 * none does: a failing test under CI=true (or when `scripts/with-secret-service.sh` had found
 * one), a loud skip elsewhere.
 */
export async function secretServiceAvailable(): Promise<boolean> {
  const missing = process.env.LATCH_TEST_SECRET_SERVICE === 'missing';
  const probe = missing
    ? { usable: false as const, reason: 'with-secret-service.sh found none' }
    : await probeKeyring({ service: 'latch-test-probe', timeoutMs: 5_000 });
  if (probe.usable) return true;
  const reason =
    'error' in probe
      ? `${probe.error.reason} [${(probe.error.cause as Error)?.message}]`
      : probe.reason;
  if (required) {
    describe('a real Secret Service', () => {
      it('answers on the session bus (required under CI=true)', () => {
        throw new Error(
          `No Secret Service: ${reason}. Run the tests with \`pnpm test\` (scripts/with-secret-service.sh).`,
        );
      });
    });
  } else {
    console.warn(
      `\n!!! No Secret Service (${reason}): the OS keychain tests are SKIPPED.\n` +
        '!!! Run `pnpm test` in packages/tokenstore (it starts gnome-keyring under dbus-run-session).\n',
    );
  }
  return false;
}

/** A service name no other test (or run) uses. */
export function uniqueService(label: string): string {
  return `latch-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Lists the Secret Service items of `service`, as `secret-tool search --all` prints them. */
export async function secretToolSearch(service: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)('secret-tool', [
    'search',
    '--all',
    'service',
    service,
  ]);
  return stdout + stderr;
}
