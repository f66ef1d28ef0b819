import type { TokenSet } from '@latch/core';
import type { AcquireOptions, Lock } from '@latch/proclock';
import type { RefreshTokensOptions } from '@latch/refresh';
import type { ExchangedTokenSet, ExchangeTokenOptions } from '@latch/sts-exchange';

/**
 * The points of a locked section at which {@link TokenManagerSeams.onStep} is called:
 * `locked` once the cross-process lock is held (refresh, save, delete); `before-request` just
 * before a refresh token is sent; `after-response` once the server has answered (and rotated
 * the refresh token) but before anything is stored; `saved` once the new tokens are stored.
 * @internal
 */
export type SessionStep = 'locked' | 'before-request' | 'after-response' | 'saved';

/**
 * The services a test may replace. None is on {@link TokenManagerOptions}: a production caller
 * cannot swap the real grant (which would let a function hand out tokens no server checked) or
 * the real lock (which would let two processes rotate one refresh token).
 * @internal
 */
export interface TokenManagerSeams {
  /** The clock, epoch ms. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** A monotonic clock, ms, for how long the core token stays in memory. Default: `performance.now`. */
  readonly monotonicNow?: (() => number) | undefined;
  /** The refresh token grant. Default: `refreshTokens` from `@latch/refresh`. */
  readonly refreshGrant?: ((options: RefreshTokensOptions) => Promise<TokenSet>) | undefined;
  /** The token exchange grant. Default: `exchangeToken` from `@latch/sts-exchange`. */
  readonly exchangeGrant?:
    | ((options: ExchangeTokenOptions) => Promise<ExchangedTokenSet>)
    | undefined;
  /** The cross-process lock. Default: `acquire` from `@latch/proclock`. */
  readonly acquireLock?: ((name: string, options: AcquireOptions) => Promise<Lock>) | undefined;
  /** Called at each {@link SessionStep}; the section waits for it. Default: none. */
  readonly onStep?: ((step: SessionStep) => void | Promise<void>) | undefined;
}

/**
 * Every seam, filled in.
 * @internal
 */
export type ResolvedSeams = {
  readonly [K in keyof TokenManagerSeams]-?: K extends 'onStep'
    ? TokenManagerSeams[K]
    : Exclude<TokenManagerSeams[K], undefined>;
};

/**
 * Reads and replaces one manager's services.
 * @internal
 */
export interface SeamSlot {
  get(): ResolvedSeams;
  set(seams: ResolvedSeams): void;
}

const slots = new WeakMap<object, SeamSlot>();

/**
 * Lets `owner` (a manager, from its constructor) receive seams through `slot`.
 * @internal
 */
export function registerSeams(owner: object, slot: SeamSlot): void {
  slots.set(owner, slot);
}

/**
 * Replaces some of a manager's services, for a test. This module is not reachable through the
 * package's `exports` (only by a file path inside the package), so no production configuration
 * can reach it.
 *
 * @param manager - The manager to change.
 * @param seams - The services to replace; the others keep their current value.
 * @returns A function that puts the previous services back.
 * @throws TypeError when `manager` is not a token manager.
 * @internal
 */
export function setTokenManagerSeamsForTest(manager: object, seams: TokenManagerSeams): () => void {
  const slot = slots.get(manager);
  if (slot === undefined) throw new TypeError('setTokenManagerSeamsForTest: not a TokenManager');
  const previous = slot.get();
  const merged: Record<string, unknown> = { ...previous };
  for (const [name, value] of Object.entries(seams)) {
    if (value !== undefined) merged[name] = value;
  }
  slot.set(merged as ResolvedSeams);
  return () => slot.set(previous);
}
