import { type PollWait, pollDeviceToken } from '../poll-device-token.js';
import { FAKE_START, type FakeClock, fakeClock } from './fake-clock.js';
import type { ScriptedAnswer, startScriptedServer } from './scripted-server.js';
import { SECRET } from './secrets.js';

/** A device authorization as requestDeviceCode returns it, `expiresIn` seconds from the fake start. */
export function authorization(expiresIn = 600, interval = 5) {
  return {
    deviceCode: SECRET.deviceCode,
    userCode: SECRET.userCode,
    expiresAt: FAKE_START + expiresIn * 1000,
    interval,
  };
}

/**
 * Polls a scripted token endpoint (started with `serve`) on a fake clock; returns the tokens or
 * the error, the server, the clock, every reported wait and the poll times in fake seconds.
 */
export async function pollScript(
  serve: typeof startScriptedServer,
  script: readonly ScriptedAnswer[],
  options: { expiresIn?: number; interval?: number; timeoutMs?: number; clock?: FakeClock } = {},
) {
  const clock = options.clock ?? fakeClock();
  const server = await serve({ '/token': script }, clock.now);
  const waits: PollWait[] = [];
  const result = await pollDeviceToken(authorization(options.expiresIn, options.interval), {
    tokenEndpoint: server.tokenEndpoint,
    clientId: 'latch-cli',
    now: clock.now,
    sleep: clock.sleep,
    onWait: (wait) => waits.push(wait),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  }).then(
    (tokens) => ({ tokens, error: undefined }),
    (error: unknown) => ({ tokens: undefined, error }),
  );
  const pollTimes = server.polls().map((poll) => (poll.at - FAKE_START) / 1000);
  return { ...result, server, clock, waits, pollTimes };
}
