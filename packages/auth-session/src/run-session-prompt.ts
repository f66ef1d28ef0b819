import { AbortError } from '@latch/core';
import { isTerminalStatus, type PollResult } from './auth-session-status.js';
import type { ManualInstructions, PromptContext, SessionListener } from './manager-options.js';
import { decidePromptOutcome } from './prompt-beside-flow.js';
import { PromptDeclinedError, PromptUnavailableError } from './prompt-errors.js';

/** A display prompt to run beside one session. @internal */
export interface SessionPromptRun {
  readonly sessionId: string;
  readonly providerId: string;
  /** Aborts when the session ends on this instance. */
  readonly signal: AbortSignal;
  readonly prompt: (context: PromptContext) => Promise<void>;
  readonly fallback: ((instructions: ManualInstructions) => void | Promise<void>) | undefined;
  poll(): Promise<PollResult | undefined>;
  transcript(): Promise<readonly string[] | undefined>;
  subscribe(listener: SessionListener): () => void;
  fail(error: string): Promise<boolean>;
}

/**
 * Runs a session's display prompt and acts on how it settles (see `decidePromptOutcome`):
 * shown → nothing; the session already ending → nothing; undeliverable with a fallback → the
 * manual instructions (state and transcript), the session goes on; a decline or any other
 * failure → the session fails (`declined`, `prompt unavailable` or `prompt failed`).
 *
 * @internal
 */
export async function runSessionPrompt(run: SessionPromptRun): Promise<void> {
  let error: unknown;
  try {
    await run.prompt({
      sessionId: run.sessionId,
      providerId: run.providerId,
      signal: run.signal,
      instructions: () => waitForInstructions(run),
    });
  } catch (caught) {
    error = caught ?? new Error('prompt failed');
  }
  const current = await run.poll();
  const ending = run.signal.aborted || current === undefined || isTerminalStatus(current);
  const hasFallback = run.fallback !== undefined;
  switch (decidePromptOutcome(error, { ending, hasFallback })) {
    case 'fallback':
      try {
        const transcript = (await run.transcript()) ?? [];
        await run.fallback?.({ sessionId: run.sessionId, poll: current as PollResult, transcript });
      } catch {
        await run.fail('prompt failed');
      }
      return;
    case 'cancel':
      await run.fail(
        PromptDeclinedError.isInstance(error)
          ? 'declined'
          : PromptUnavailableError.isInstance(error)
            ? 'prompt unavailable'
            : 'prompt failed',
      );
      return;
    default:
      return;
  }
}

/** Resolves with the first state worth showing: not `pending`. */
function waitForInstructions(run: SessionPromptRun): Promise<PollResult> {
  return new Promise<PollResult>((resolve, reject) => {
    let settled = false;
    const finish = (poll: PollResult | undefined): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      run.signal.removeEventListener('abort', onAbort);
      if (poll === undefined) reject(new AbortError('The login session is gone.'));
      else resolve(poll);
    };
    const check = (poll: PollResult | undefined): void => {
      if (poll === undefined || poll.status !== 'pending') finish(poll);
    };
    const unsubscribe = run.subscribe(check);
    const onAbort = (): void => {
      run.poll().then(finish, reject);
    };
    run.signal.addEventListener('abort', onAbort, { once: true });
    if (run.signal.aborted) onAbort();
    run.poll().then(check, reject);
  });
}
