import type { TokenSet } from '@latch/core';
import type { Parsed } from './sealed-file.js';
import { parseStoredTokenSet } from './token-set-codec.js';

/** What an encrypted store file holds once decrypted: every account of one service. */
export type StoreAccounts = Map<string, TokenSet>;

/**
 * Serialises the accounts as the plaintext of a store file:
 * `{"version":1,"accounts":{ACCOUNT: TOKEN_SET, …}}`. Pure.
 *
 * @internal
 */
export function buildStoreDocument(accounts: StoreAccounts): Buffer {
  // Object.fromEntries defines own properties, so even an account named "__proto__" is kept.
  const record = Object.fromEntries(accounts);
  return Buffer.from(JSON.stringify({ version: 1, accounts: record }), 'utf8');
}

/**
 * Parses and validates the plaintext of a store file. Pure.
 *
 * @returns The accounts, or why the content is not a store document (never its content).
 * @internal
 */
export function parseStoreDocument(plaintext: Uint8Array): Parsed<StoreAccounts> {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(plaintext).toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid_content', detail: 'it does not hold JSON' };
  }
  const { version, accounts } = (document ?? {}) as { version?: unknown; accounts?: unknown };
  if (version !== 1 || typeof accounts !== 'object' || accounts === null) {
    return { ok: false, reason: 'invalid_content', detail: 'it does not hold a token store' };
  }
  const result: StoreAccounts = new Map();
  for (const [account, value] of Object.entries(accounts)) {
    const checked = parseStoredTokenSet(value);
    if (!checked.ok) {
      return {
        ok: false,
        reason: 'invalid_content',
        detail: `the entry of account "${account}" is not a token set (${checked.problem})`,
      };
    }
    result.set(account, checked.tokens);
  }
  return { ok: true, value: result };
}
