import { PromptUnavailableError } from './prompt-errors.js';

/**
 * What to do once a display prompt has settled (beside a running login flow):
 *
 * - `'shown'` — the prompt was shown; the flow completes when the token arrives.
 * - `'ending'` — the flow is already ending (timed out, cancelled elsewhere): nothing to do.
 * - `'fallback'` — the prompt could not be delivered and a manual fallback exists: show the
 *   manual instructions and keep the flow alive.
 * - `'cancel'` — a decline or any other prompt failure: end the flow.
 */
export type PromptOutcome = 'shown' | 'ending' | 'fallback' | 'cancel';

/**
 * Decides what a settled display prompt means for its flow (pure).
 *
 * @param error - What the prompt threw, or `undefined` when it resolved.
 * @param state - Whether the flow is already ending, and whether a manual fallback exists.
 * @returns The {@link PromptOutcome}. The flow ending is checked before the fallback, so a
 *   prompt cut short by the ending flow is not mistaken for an undeliverable one.
 * @example
 * ```ts
 * decidePromptOutcome(new PromptUnavailableError(), { ending: false, hasFallback: true }); // 'fallback'
 * ```
 */
export function decidePromptOutcome(
  error: unknown,
  state: { readonly ending: boolean; readonly hasFallback: boolean },
): PromptOutcome {
  if (error === undefined) return 'shown';
  if (state.ending) return 'ending';
  if (PromptUnavailableError.isInstance(error) && state.hasFallback) return 'fallback';
  return 'cancel';
}

/** Options of {@link runFlowWithPrompt}. */
export interface RunFlowWithPromptOptions<T> {
  /** The login flow; it must stop when its signal aborts. */
  readonly flow: (signal: AbortSignal) => Promise<T>;
  /**
   * Shows the user the prompt beside the flow. Throw {@link PromptUnavailableError} when it
   * cannot be delivered, {@link PromptDeclinedError} when the user declines. Its signal aborts
   * when the flow ends. Default: none.
   */
  readonly prompt?: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** Shows the manual instructions when the prompt is undeliverable. Default: none. */
  readonly fallback?: (() => void | Promise<void>) | undefined;
  /** Cancels the flow and the prompt. Default: none. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs a login flow with an optional display prompt beside it: the flow runs, the prompt runs
 * concurrently, and the prompt's outcome is handled by {@link decidePromptOutcome}. A decline
 * or other prompt failure aborts the flow; the flow's rejection is then replaced by the
 * prompt's error. When the flow ends, the prompt's signal aborts.
 *
 * @param options - The flow, the prompt, the fallback, the signal.
 * @returns What the flow returns.
 * @throws TypeError when `flow` is not a function.
 * @throws What the flow throws; the prompt's error when the prompt ended the flow; what the
 *   fallback throws also ends the flow.
 * @example
 * ```ts
 * const tokens = await runFlowWithPrompt({
 *   flow: (signal) => deviceLogin({ issuer, clientId, onVerification: show, signal }),
 *   prompt: (signal) => pushNotification(signal),
 *   fallback: () => console.error('Open the URL above and enter the code.'),
 * });
 * ```
 */
export async function runFlowWithPrompt<T>(options: RunFlowWithPromptOptions<T>): Promise<T> {
  if (typeof options?.flow !== 'function') {
    throw new TypeError('runFlowWithPrompt: options.flow must be a function');
  }
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let ended: { error: unknown } | undefined;
  const endFlow = (error: unknown): void => {
    ended ??= { error };
    controller.abort(error);
  };
  const { prompt, fallback } = options;
  if (prompt !== undefined) {
    void (async () => {
      let error: unknown;
      try {
        await prompt(controller.signal);
      } catch (caught) {
        error = caught ?? new Error('prompt failed');
      }
      const ending = controller.signal.aborted;
      const outcome = decidePromptOutcome(error, { ending, hasFallback: fallback !== undefined });
      if (outcome === 'cancel') endFlow(error);
      if (outcome !== 'fallback' || fallback === undefined) return;
      try {
        await fallback();
      } catch (caught) {
        endFlow(caught);
      }
    })();
  }
  try {
    return await options.flow(controller.signal);
  } catch (error) {
    throw ended === undefined ? error : ended.error;
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    controller.abort();
  }
}
