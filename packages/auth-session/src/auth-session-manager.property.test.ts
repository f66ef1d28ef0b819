import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminalStatus } from './auth-session-status.js';
import { harness } from './test-support/manager-harness.js';

type Step =
  | { kind: 'url'; n: number }
  | { kind: 'code'; n: number }
  | { kind: 'account'; n: number }
  | { kind: 'line'; n: number }
  | { kind: 'succeed' | 'fail' | 'finishSuccess' | 'finishFailure' | 'cancel' | 'driverEnds' }
  | { kind: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('url', 'code', 'account', 'line'),
    n: fc.nat(5),
  }) as fc.Arbitrary<Step>,
  fc.record({
    kind: fc.constantFrom(
      'succeed',
      'fail',
      'finishSuccess',
      'finishFailure',
      'cancel',
      'driverEnds',
    ),
  }) as fc.Arbitrary<Step>,
  fc.record({
    kind: fc.constant('advance'),
    ms: fc.integer({ min: 0, max: 400_000 }),
  }) as fc.Arbitrary<Step>,
);

describe('AuthSessionManager: terminal finality (property)', () => {
  it('never changes a terminal status, ends a session at most once, keeps the first URL and code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const h = harness({ finishedTtlMs: 10 ** 9 });
        try {
          const { id, run } = await h.start();
          const report = run.context.report;
          let final: string | undefined;
          let endings = 0;
          let firstUrl: string | undefined;
          let firstCode: string | undefined;
          for (const next of steps) {
            let ended = false;
            switch (next.kind) {
              case 'url':
                await report.authUrl(`https://a.example/authorize?state=${next.n}`);
                break;
              case 'code':
                await report.userCode({
                  userCode: `CODE-000${next.n}`,
                  verificationUrl: 'https://a.example/d',
                });
                break;
              case 'account':
                await report.account(`user${next.n}@example.com`);
                break;
              case 'line':
                await report.line(`line ${next.n}`);
                break;
              case 'succeed':
                ended = await report.succeed('bundle-driver');
                break;
              case 'fail':
                ended = await report.fail('driver failed');
                break;
              case 'finishSuccess':
                ended = await h.manager.finishSuccess(id, 'bundle-caller');
                break;
              case 'finishFailure':
                ended = await h.manager.finishFailure(id, 'caller failed');
                break;
              case 'cancel':
                ended = await h.manager.cancel(id);
                break;
              case 'driverEnds':
                run.finish();
                break;
              case 'advance':
                await h.clock.advance(next.ms);
                break;
            }
            if (ended) endings++;
            const poll = await h.manager.poll(id);
            if (poll === undefined) throw new Error('session vanished');
            if (final === undefined && !isTerminalStatus(poll)) {
              if (poll.status === 'url-available') firstUrl ??= poll.authUrl;
              if (poll.status === 'code-emitted') firstCode ??= poll.userCode;
            }
            if (final !== undefined) expect(JSON.stringify(poll)).toBe(final);
            else if (isTerminalStatus(poll)) final = JSON.stringify(poll);
            if (poll.status === 'url-available') expect(poll.authUrl).toBe(firstUrl);
            if (poll.status === 'code-emitted') expect(poll.userCode).toBe(firstCode);
          }
          expect(endings).toBeLessThanOrEqual(1);
          if (final !== undefined && run.context.signal.aborted === false) {
            throw new Error('a finished session left its driver running');
          }
        } finally {
          await h.manager.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
