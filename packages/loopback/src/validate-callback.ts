import { timingSafeEqual } from 'node:crypto';
import { OAuthError } from '@latch/core';
import type { Callback, ExpectedCallback } from './callback.js';
import { CallbackRejectedError } from './callback-rejected-error.js';

/**
 * The verdict of {@link validateCallback}:
 *
 * - `code`: the login's answer, with its code;
 * - `error`: the authorization server's error response for THIS login (its `state` matched),
 *   which ends the login (e.g. `access_denied`);
 * - `rejected`: not this login's answer (forged, stale, malformed); the login goes on.
 */
export type CallbackValidation =
  | {
      /** The callback is this login's successful answer. */
      readonly outcome: 'code';
      /** The checked code, state and iss. */
      readonly callback: Callback;
    }
  | {
      /** The callback is this login's error answer. */
      readonly outcome: 'error';
      /** The server's `error`, `error_description` and `error_uri`. */
      readonly error: OAuthError;
    }
  | {
      /** The callback is not this login's answer. */
      readonly outcome: 'rejected';
      /** Why not. */
      readonly error: CallbackRejectedError;
    };

/** Parameters that carry meaning and so must appear at most once (RFC 6749 §3.1). */
const SINGLE_VALUED = ['state', 'code', 'error', 'error_description', 'error_uri', 'iss'];

/**
 * Decides whether the parameters of a redirect back from the authorization server answer this
 * login. The one check behind both the loopback server and {@link parseCallbackUrl}. Pure.
 *
 * In order: no meaningful parameter twice; `state` present and identical (compared in constant
 * time); `iss` equal to `expectedIssuer` whenever present, and present when `issRequired`; not
 * both `code` and `error`. Only then does an `error` end the login, so another local process
 * cannot cancel it with a forged `error=` that lacks the right `state`.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2, §4.1.2.1, §10.12}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 * @param params - The callback's query parameters, duplicates included.
 * @param expected - The state sent and the issuer expected.
 * @returns The verdict; it never throws for anything the callback contains.
 * @throws TypeError when `expected.state` is not a non-empty string, or `issRequired` is set
 *   without `expectedIssuer`.
 * @example
 * ```ts
 * const verdict = validateCallback(new URL(redirect).searchParams, { state });
 * if (verdict.outcome === 'code') console.log('got a code');
 * ```
 */
export function validateCallback(
  params: URLSearchParams,
  expected: ExpectedCallback,
): CallbackValidation {
  assertExpected(expected);
  const reject = (error: CallbackRejectedError): CallbackValidation => ({
    outcome: 'rejected',
    error,
  });
  for (const name of SINGLE_VALUED) {
    if (params.getAll(name).length > 1) {
      return reject(new CallbackRejectedError({ reason: 'duplicate_parameter', parameter: name }));
    }
  }
  const state = params.get('state');
  if (state === null) return reject(new CallbackRejectedError({ reason: 'missing_state' }));
  if (!sameText(state, expected.state)) {
    return reject(new CallbackRejectedError({ reason: 'state_mismatch' }));
  }
  const iss = params.get('iss');
  if (iss === null) {
    if (expected.issRequired === true) {
      return reject(new CallbackRejectedError({ reason: 'missing_iss' }));
    }
  } else if (expected.expectedIssuer !== undefined && iss !== expected.expectedIssuer) {
    return reject(new CallbackRejectedError({ reason: 'iss_mismatch' }));
  }
  const code = params.get('code');
  const error = params.get('error');
  if (code !== null && error !== null) {
    return reject(new CallbackRejectedError({ reason: 'code_and_error' }));
  }
  if (error !== null && error !== '') {
    return {
      outcome: 'error',
      error: new OAuthError({
        error,
        errorDescription: params.get('error_description') ?? undefined,
        errorUri: params.get('error_uri') ?? undefined,
      }),
    };
  }
  if (code === null || code === '') {
    return reject(new CallbackRejectedError({ reason: 'missing_code' }));
  }
  return { outcome: 'code', callback: iss === null ? { code, state } : { code, state, iss } };
}

function assertExpected(expected: ExpectedCallback): void {
  if (typeof expected?.state !== 'string' || expected.state.length === 0) {
    throw new TypeError('expected.state must be the non-empty state this login sent');
  }
  if (expected.expectedIssuer !== undefined && typeof expected.expectedIssuer !== 'string') {
    throw new TypeError('expected.expectedIssuer must be a string when given');
  }
  if (expected.issRequired === true && expected.expectedIssuer === undefined) {
    throw new TypeError('expected.issRequired needs expected.expectedIssuer to compare iss with');
  }
}

function sameText(actual: string, wanted: string): boolean {
  const a = Buffer.from(actual, 'utf8');
  const b = Buffer.from(wanted, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
