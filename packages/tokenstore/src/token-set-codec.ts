import type { TokenSet } from '@latch/core';

const OPTIONAL_STRINGS = ['refreshToken', 'scope', 'idToken', 'issuedTokenType'] as const;

type Checked =
  | { readonly ok: true; readonly tokens: TokenSet }
  | { readonly ok: false; readonly problem: string };

/**
 * Checks that `value` has the shape of a {@link TokenSet} and copies just its fields (so
 * nothing else is ever stored). Names the faulty field, never its value. Pure.
 */
function checkTokenSet(value: unknown): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'it is not an object' };
  }
  const record = value as Record<string, unknown>;
  const { accessToken, tokenType, expiresAt } = record;
  if (typeof accessToken !== 'string' || accessToken.length === 0) {
    return { ok: false, problem: 'accessToken is not a non-empty string' };
  }
  if (tokenType !== 'Bearer' && tokenType !== 'N_A') {
    return { ok: false, problem: 'tokenType is not "Bearer" or "N_A"' };
  }
  const tokens: Record<string, unknown> = { accessToken, tokenType };
  if (expiresAt !== undefined) {
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) {
      return { ok: false, problem: 'expiresAt is not a finite number' };
    }
    tokens.expiresAt = expiresAt;
  }
  for (const field of OPTIONAL_STRINGS) {
    const fieldValue = record[field];
    if (fieldValue === undefined) continue;
    if (typeof fieldValue !== 'string') return { ok: false, problem: `${field} is not a string` };
    tokens[field] = fieldValue;
  }
  return { ok: true, tokens: tokens as unknown as TokenSet };
}

/**
 * Validates a token set given to `save` and returns a copy holding only its fields.
 *
 * @throws TypeError naming the faulty field.
 * @internal
 */
export function tokenSetToStore(value: unknown): TokenSet {
  const checked = checkTokenSet(value);
  if (!checked.ok) throw new TypeError(`The token set to save is invalid: ${checked.problem}`);
  return checked.tokens;
}

/**
 * Validates a token set read back from a store.
 *
 * @returns The token set, or the problem with it (for a `CorruptStoreError`).
 * @internal
 */
export function parseStoredTokenSet(value: unknown): Checked {
  return checkTokenSet(value);
}
