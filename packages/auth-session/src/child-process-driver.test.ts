import { SECRET } from '@latch/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthSessionManager } from './auth-session-manager.js';
import { type ChildProcessDriverOptions, childProcessDriver } from './child-process-driver.js';
import { manualClock } from './test-support/manual-clock.js';
import { fakeCli, isGone, killQuietly, pidsIn, waitGone } from './test-support/processes.js';
import { until } from './test-support/wait.js';

const AUTH_URL = 'https://login.example.com/oauth/authorize?client_id=cli&state=xyz';
const confirmed: ChildProcessDriverOptions['confirm'] = async () => ({ bundleId: 'bundle-1' });
const managers: AuthSessionManager[] = [];
const spawned: number[] = [];

function managerFor(
  actions: string[],
  options: Partial<ChildProcessDriverOptions> = {},
  extra = {},
) {
  const manager = new AuthSessionManager({
    providers: {
      cli: childProcessDriver({ command: fakeCli(...actions), confirm: confirmed, ...options }),
    },
    ...extra,
  });
  managers.push(manager);
  return manager;
}

const statusOf = async (manager: AuthSessionManager, id: string) =>
  (await manager.poll(id))?.status;

async function pidsOf(
  manager: AuthSessionManager,
  id: string,
  labels: string[],
): Promise<number[]> {
  const pids = await until(async () => {
    const transcript = (await manager.transcript(id)) ?? [];
    const found = labels.flatMap((label) => pidsIn(transcript, label));
    return found.length === labels.length ? found : undefined;
  });
  spawned.push(...pids);
  return pids;
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  killQuietly(spawned.splice(0));
});

describe('childProcessDriver against a real child process', () => {
  it('reads URL, code and "logged in" lines, confirms on exit 0, then succeeds', async () => {
    const asked: unknown[] = [];
    const manager = managerFor(
      [
        `say=Open ${AUTH_URL}`,
        `say=Open https://login.example.com/oauth/authorize?state=second`,
        'err=Then enter the code BCDF-GHJK at https://login.example.com/device',
        'say=Enter the code ZZZZ-ZZZZ at https://elsewhere.example/device',
        'say=Logged in as ada@example.com',
      ],
      {
        confirm: async (context) => {
          asked.push({ account: context.account, intoBundleId: context.intoBundleId });
          return { bundleId: 'bundle-9' };
        },
      },
    );
    const id = await manager.start('cli', { intoBundleId: 'into-1' });
    await until(async () => (await statusOf(manager, id)) === 'success');
    expect(await manager.poll(id)).toEqual({
      providerId: 'cli',
      status: 'success',
      bundleId: 'bundle-9',
      email: 'ada@example.com',
    });
    expect(asked).toEqual([{ account: 'ada@example.com', intoBundleId: 'into-1' }]);
    const transcript = await manager.transcript(id);
    expect(transcript).toContain(
      'Then enter the code BCDF-GHJK at https://login.example.com/device',
    );
    expect(transcript).toHaveLength(5);
  });

  it('shows the first URL, then the first code, while the command runs', async () => {
    const manager = managerFor([
      `say=Open ${AUTH_URL}`,
      'sleep=300',
      'say=Enter the code BCDF-GHJK at https://x.example/device',
      'hang',
    ]);
    const id = await manager.start('cli');
    expect(
      await until(
        async () => (await manager.poll(id))?.status === 'url-available' && manager.poll(id),
      ),
    ).toEqual({
      providerId: 'cli',
      status: 'url-available',
      authUrl: AUTH_URL,
    });
    expect(
      await until(
        async () => (await manager.poll(id))?.status === 'code-emitted' && manager.poll(id),
      ),
    ).toEqual({
      providerId: 'cli',
      status: 'code-emitted',
      userCode: 'BCDF-GHJK',
      verificationUrl: 'https://x.example/device',
    });
  });

  it('a "logged in" line alone is not success: unconfirmed logins fail', async () => {
    const manager = managerFor(['say=Logged in as ada@example.com', 'sleep=200'], {
      confirm: async () => undefined,
    });
    const id = await manager.start('cli');
    await until(async () => ((await manager.transcript(id)) ?? []).length === 1);
    expect(await statusOf(manager, id)).toBe('pending');
    await until(async () => (await statusOf(manager, id)) === 'failed');
    expect(await manager.poll(id)).toMatchObject({ error: 'login not confirmed' });
  });

  it('forwards a pasted callback URL to the child stdin (redacted in the transcript)', async () => {
    const manager = managerFor([
      `say=Open ${AUTH_URL}`,
      'await-paste',
      'say=Logged in as ada@example.com',
    ]);
    const id = await manager.start('cli');
    await until(async () => (await statusOf(manager, id)) === 'url-available');
    const pasted = `http://127.0.0.1:8123/callback?code=${SECRET.accessToken}&state=xyz`;
    expect(await manager.submitCallbackUrl(id, pasted)).toBe(true);
    await until(async () => (await statusOf(manager, id)) === 'success');
    const transcript = (await manager.transcript(id)) ?? [];
    expect(transcript).toContain('got callback state=xyz');
    expect(transcript).toContain(
      'debug: callback http://127.0.0.1:8123/callback?code=[redacted]&state=xyz',
    );
    expect(JSON.stringify(transcript)).not.toContain(SECRET.accessToken);
  });

  it('cancel kills the child and its grandchild, and resolves once they are gone', async () => {
    const manager = managerFor([
      'pid',
      'grandchild',
      'say=Open https://a.example/oauth/authorize',
      'hang',
    ]);
    const id = await manager.start('cli');
    const [pid, grandchild] = await pidsOf(manager, id, ['pid', 'grandchild']);
    expect(isGone(pid as number) || isGone(grandchild as number)).toBe(false);
    expect(await manager.cancel(id)).toBe(true);
    await waitGone([pid as number, grandchild as number], 3_000);
    expect(await manager.poll(id)).toMatchObject({ status: 'failed', error: 'cancelled' });
  });

  it('SIGKILLs a group that ignores SIGTERM after killGraceMs', async () => {
    const manager = managerFor(['ignore-term', 'stubborn-grandchild', 'pid', 'hang'], {
      killGraceMs: 300,
    });
    const id = await manager.start('cli');
    const [grandchild, pid] = await pidsOf(manager, id, ['grandchild', 'pid']);
    const started = Date.now();
    await manager.cancel(id);
    await waitGone([pid as number, grandchild as number], 3_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('the timeout kills the child and its group (injected clock)', async () => {
    const clock = manualClock();
    const manager = managerFor(
      ['pid', 'grandchild', 'hang'],
      {},
      { now: clock.now, sleep: clock.sleep },
    );
    const id = await manager.start('cli');
    const [pid, grandchild] = await pidsOf(manager, id, ['pid', 'grandchild']);
    await clock.advance(600_000);
    await waitGone([pid as number, grandchild as number], 3_000);
    expect(await manager.poll(id)).toMatchObject({
      status: 'failed',
      error: 'timed out after 600 s',
    });
  });

  it('takes down what the command left running when it exits, even holding its output', async () => {
    const manager = managerFor(['piped-grandchild', 'pid', 'say=Logged in as ada']);
    const id = await manager.start('cli');
    const [grandchild] = await pidsOf(manager, id, ['grandchild']);
    await until(async () => (await statusOf(manager, id)) === 'success');
    await waitGone([grandchild as number], 3_000);
  });

  it('fails with the last failure line, or the exit status, or a spawn error', async () => {
    const manager = managerFor(['err=error: the client cli is not registered', 'exit=3']);
    const id = await manager.start('cli');
    await until(async () => (await statusOf(manager, id)) === 'failed');
    expect(await manager.poll(id)).toMatchObject({ error: 'the client cli is not registered' });
    const plain = managerFor(['exit=4']);
    const second = await plain.start('cli');
    await until(async () => (await statusOf(plain, second)) === 'failed');
    expect(await plain.poll(second)).toMatchObject({ error: 'login command exited with status 4' });
    const missing = new AuthSessionManager({
      providers: {
        cli: childProcessDriver({ command: ['/nonexistent/latch-cli'], confirm: confirmed }),
      },
    });
    managers.push(missing);
    const third = await missing.start('cli');
    await until(async () => (await statusOf(missing, third)) === 'failed');
    expect(await missing.poll(third)).toMatchObject({ error: 'could not start the login command' });
  });

  it('never lets a token into a poll or the transcript', async () => {
    const manager = managerFor([
      `say=access_token=${SECRET.accessToken}`,
      `err=Authorization: Bearer ${SECRET.accessToken}`,
      `say={"refresh_token":"${SECRET.refreshToken}","id_token":"${SECRET.idToken}"}`,
      `say=Open https://a.example/oauth/authorize?state=s#access_token=${SECRET.accessToken}`,
      `err=error: client_secret=${SECRET.clientSecret} rejected`,
      'exit=1',
    ]);
    const id = await manager.start('cli');
    const polls: unknown[] = [];
    manager.subscribe(id, (poll) => polls.push(poll));
    polls.push(await manager.poll(id));
    await until(async () => (await statusOf(manager, id)) === 'failed');
    polls.push(await manager.poll(id));
    const rendered = JSON.stringify({ polls, transcript: await manager.transcript(id) });
    expect(rendered).toContain('[redacted]');
    for (const secret of Object.values(SECRET)) expect(rendered).not.toContain(secret);
  });

  it('refuses bad options with TypeError', () => {
    expect(() => childProcessDriver({ command: [], confirm: confirmed })).toThrow(TypeError);
    expect(() =>
      childProcessDriver({ command: 'gh auth login' as never, confirm: confirmed }),
    ).toThrow(TypeError);
    expect(() => childProcessDriver({ command: ['gh'], confirm: undefined as never })).toThrow(
      TypeError,
    );
    expect(() =>
      childProcessDriver({ command: ['gh'], confirm: confirmed, killGraceMs: -1 }),
    ).toThrow(TypeError);
  });
});
