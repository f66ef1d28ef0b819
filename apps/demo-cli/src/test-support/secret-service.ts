import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(
  new URL('../../../../packages/tokenstore/scripts/with-secret-service.sh', import.meta.url),
);

/** A Secret Service on a D-Bus session bus, for the keychain tests. */
export interface SecretService {
  /** Whether one runs (else the keychain tests skip, or fail under `CI=true`). */
  readonly available: boolean;
  /** The bus address for `latch`'s environment. */
  readonly bus: string | undefined;
  /** Why not, when not available. */
  readonly why: string;
  /** Stops the private bus and keyring daemon, if this started them. */
  stop(): Promise<void>;
}

/**
 * Finds or starts a Secret Service through tokenstore's `with-secret-service.sh` (the session
 * bus's own, else gnome-keyring under a private `dbus-run-session`), held open until `stop()`.
 */
export function startSecretService(): Promise<SecretService> {
  const child = spawn(
    'bash',
    [
      SCRIPT,
      'sh',
      '-c',
      'echo "service=$LATCH_TEST_SECRET_SERVICE bus=$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = /service=(\S*) bus=(\S*)\n/.exec(stdout);
      if (line === null) return;
      const available = line[1] === 'present' && line[2] !== '';
      resolve({ available, bus: line[2] || undefined, why: stderr.trim(), stop });
    });
    void exited.then(() =>
      resolve({
        available: false,
        bus: undefined,
        why: stderr.trim() || 'no Secret Service',
        stop,
      }),
    );
  });
}
