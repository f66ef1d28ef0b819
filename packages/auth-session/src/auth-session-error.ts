import { LatchError } from '@latch/core';
import type { PromptDeclinedError, PromptUnavailableError } from './prompt-errors.js';
import type { SessionConflictError } from './session-conflict-error.js';
import type { UnknownProviderError } from './unknown-provider-error.js';

/**
 * Every error class `@latch/auth-session` defines (besides `TypeError` for bad arguments). A
 * closed union: `switch (err.code)` narrows to the class.
 *
 * @example
 * ```ts
 * function explain(err: AuthSessionError): string {
 *   switch (err.code) {
 *     case 'unknown_provider':
 *       return `No provider ${err.providerId}.`;
 *     default:
 *       return err.message;
 *   }
 * }
 * ```
 */
export type AuthSessionError =
  | UnknownProviderError
  | PromptUnavailableError
  | PromptDeclinedError
  | SessionConflictError;

/** The closed set of `code` values of {@link AuthSessionError}. */
export type AuthSessionErrorCode = AuthSessionError['code'];

const CODES: ReadonlySet<string> = new Set<AuthSessionErrorCode>([
  'unknown_provider',
  'prompt_unavailable',
  'prompt_declined',
  'session_conflict',
]);

/**
 * Tells whether `value` is one of this package's errors, from any copy of
 * `@latch/auth-session`.
 *
 * @param value - Anything, typically a caught error.
 * @returns `true` for a branded latch error whose code is an {@link AuthSessionErrorCode}.
 */
export function isAuthSessionError(value: unknown): value is AuthSessionError {
  return LatchError.isInstance(value) && CODES.has(value.code);
}
