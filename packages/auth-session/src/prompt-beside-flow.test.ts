import { AbortError } from '@latch/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualInstructions } from './manager-options.js';
import { decidePromptOutcome, runFlowWithPrompt } from './prompt-beside-flow.js';
import { PromptDeclinedError, PromptUnavailableError } from './prompt-errors.js';
import { type Harness, harness } from './test-support/manager-harness.js';
import { settle } from './test-support/manual-clock.js';

/** A flow that ends only when told (or aborted). */
function controllable<T>() {
  let finish: (value: T) => void = () => {};
  let aborted = false;
  const flow = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      finish = resolve;
      signal.addEventListener('abort', () => {
        aborted = true;
        reject(new AbortError('flow aborted', { cause: signal.reason }));
      });
    });
  return { flow, finish: (value: T) => finish(value), aborted: () => aborted };
}

describe('decidePromptOutcome', () => {
  it('follows the order: shown, ending, fallback, cancel', () => {
    const unavailable = new PromptUnavailableError();
    expect(decidePromptOutcome(undefined, { ending: true, hasFallback: true })).toBe('shown');
    expect(decidePromptOutcome(unavailable, { ending: true, hasFallback: true })).toBe('ending');
    expect(
      decidePromptOutcome(new PromptDeclinedError(), { ending: true, hasFallback: false }),
    ).toBe('ending');
    expect(decidePromptOutcome(unavailable, { ending: false, hasFallback: true })).toBe('fallback');
    expect(decidePromptOutcome(unavailable, { ending: false, hasFallback: false })).toBe('cancel');
    expect(
      decidePromptOutcome(new PromptDeclinedError(), { ending: false, hasFallback: true }),
    ).toBe('cancel');
    expect(
      decidePromptOutcome(new Error('socket closed'), { ending: false, hasFallback: true }),
    ).toBe('cancel');
  });
});

describe('runFlowWithPrompt', () => {
  it('prompt shown: the flow completes when the token arrives', async () => {
    const flow = controllable<string>();
    const result = runFlowWithPrompt({ flow: flow.flow, prompt: async () => {} });
    await settle();
    flow.finish('token');
    await expect(result).resolves.toBe('token');
  });

  it('undeliverable prompt with a fallback: manual instructions, and the flow goes on', async () => {
    const flow = controllable<string>();
    let fallbacks = 0;
    const result = runFlowWithPrompt({
      flow: flow.flow,
      prompt: async () => {
        throw new PromptUnavailableError();
      },
      fallback: () => {
        fallbacks++;
      },
    });
    await settle();
    expect(fallbacks).toBe(1);
    expect(flow.aborted()).toBe(false);
    flow.finish('token');
    await expect(result).resolves.toBe('token');
  });

  it('a decline, an undeliverable prompt without fallback, or another failure cancels the flow', async () => {
    for (const error of [
      new PromptDeclinedError(),
      new PromptUnavailableError(),
      new Error('boom'),
    ]) {
      const flow = controllable<string>();
      const result = runFlowWithPrompt({
        flow: flow.flow,
        prompt: async () => {
          throw error;
        },
      });
      await expect(result).rejects.toBe(error);
      expect(flow.aborted()).toBe(true);
    }
  });

  it('the flow already ending: nothing to do (no fallback, no cancel), and the prompt is told', async () => {
    let promptSignal: AbortSignal | undefined;
    let fallbacks = 0;
    const result = await runFlowWithPrompt({
      flow: async () => 'token',
      prompt: (signal) =>
        new Promise<void>((_resolve, reject) => {
          promptSignal = signal;
          signal.addEventListener('abort', () => reject(new PromptUnavailableError()));
        }),
      fallback: () => {
        fallbacks++;
      },
    });
    await settle();
    expect(result).toBe('token');
    expect(promptSignal?.aborted).toBe(true);
    expect(fallbacks).toBe(0);
  });
});

let h: Harness;
afterEach(async () => {
  await h?.manager.close();
});

describe('AuthSessionManager.start with a prompt', () => {
  it('prompt shown: the session goes on; the prompt can wait for the URL to show', async () => {
    h = harness();
    const shown: string[] = [];
    const { id, run } = await h.start({
      prompt: async ({ instructions }) => {
        const poll = await instructions();
        shown.push(poll.status === 'url-available' ? poll.authUrl : poll.status);
      },
    });
    await run.context.report.authUrl('https://a.example/authorize');
    await settle();
    expect(shown).toEqual(['https://a.example/authorize']);
    expect((await h.manager.poll(id))?.status).toBe('url-available');
    expect(run.stopped()).toBe(false);
  });

  it('undeliverable with a fallback: shows the state and transcript, the session stays alive', async () => {
    h = harness();
    const fallbacks: ManualInstructions[] = [];
    const { id, run } = await h.start({
      prompt: async ({ instructions }) => {
        await instructions();
        throw new PromptUnavailableError();
      },
      fallback: (instructions) => {
        fallbacks.push(instructions);
      },
    });
    await run.context.report.line('Enter the code AAAA-BBBB at https://a.example/d');
    await run.context.report.userCode({
      userCode: 'AAAA-BBBB',
      verificationUrl: 'https://a.example/d',
    });
    await settle();
    expect(fallbacks).toEqual([
      {
        sessionId: id,
        poll: {
          providerId: 'scripted',
          status: 'code-emitted',
          userCode: 'AAAA-BBBB',
          verificationUrl: 'https://a.example/d',
        },
        transcript: ['Enter the code AAAA-BBBB at https://a.example/d'],
      },
    ]);
    expect(run.stopped()).toBe(false);
    expect(await h.manager.finishSuccess(id, 'b')).toBe(true);
  });

  it('a decline fails the session ("declined") and stops the driver; other failures too', async () => {
    h = harness();
    const declined = await h.start({
      prompt: async () => {
        throw new PromptDeclinedError();
      },
      fallback: () => {},
    });
    const failed = await h.start({
      prompt: async () => {
        throw new Error('transport closed');
      },
    });
    await settle();
    expect(await h.manager.poll(declined.id)).toMatchObject({
      status: 'failed',
      error: 'declined',
    });
    expect(declined.run.stopped()).toBe(true);
    expect(await h.manager.poll(failed.id)).toMatchObject({
      status: 'failed',
      error: 'prompt failed',
    });
    expect(failed.run.stopped()).toBe(true);
  });

  it('the session already ended: a failing prompt changes nothing', async () => {
    h = harness();
    let fallbacks = 0;
    const { id } = await h.start({
      prompt: ({ signal }) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new PromptUnavailableError()));
        }),
      fallback: () => {
        fallbacks++;
      },
    });
    await h.manager.finishSuccess(id, 'bundle-1');
    await settle();
    expect(await h.manager.poll(id)).toMatchObject({ status: 'success', bundleId: 'bundle-1' });
    expect(fallbacks).toBe(0);
  });
});
