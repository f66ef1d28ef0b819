import { LatchError } from '@latch/core';
import { expectNoSecrets } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { type AuthSessionError, isAuthSessionError } from './auth-session-error.js';
import { PromptDeclinedError, PromptUnavailableError } from './prompt-errors.js';
import { SessionConflictError } from './session-conflict-error.js';
import { UnknownProviderError } from './unknown-provider-error.js';

describe('the error family', () => {
  const errors: AuthSessionError[] = [
    new UnknownProviderError({ providerId: 'gitlab' }),
    new PromptUnavailableError({ cause: new Error('push failed') }),
    new PromptDeclinedError(),
    new SessionConflictError({ attempts: 50 }),
  ];

  it('has a stable code per class, recognised across copies by brand and code', () => {
    expect(errors.map((error) => error.code)).toEqual([
      'unknown_provider',
      'prompt_unavailable',
      'prompt_declined',
      'session_conflict',
    ]);
    for (const error of errors) {
      expect(LatchError.isInstance(error)).toBe(true);
      expect(isAuthSessionError(error)).toBe(true);
    }
    expect(UnknownProviderError.isInstance(errors[0])).toBe(true);
    expect(UnknownProviderError.isInstance(errors[1])).toBe(false);
    expect(PromptUnavailableError.isInstance(errors[1])).toBe(true);
    expect(PromptDeclinedError.isInstance(errors[2])).toBe(true);
    expect(SessionConflictError.isInstance(errors[3])).toBe(true);
    expect(isAuthSessionError(new Error('x'))).toBe(false);
    // A look-alike from "another copy": same brand, same code.
    const foreign = new LatchError('prompt_declined', 'declined elsewhere');
    expect(PromptDeclinedError.isInstance(foreign)).toBe(true);
  });

  it('says what to do next, and renders no secret', () => {
    expect(errors[0]?.message).toContain('providers');
    for (const error of errors) expectNoSecrets(error);
    expect(JSON.parse(JSON.stringify(errors[0]))).toMatchObject({
      code: 'unknown_provider',
      providerId: 'gitlab',
    });
  });
});
