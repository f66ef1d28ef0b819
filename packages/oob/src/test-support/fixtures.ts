import { randomBytes } from 'node:crypto';
import type { Pending } from '../pending.js';

/** The payload the tests store. */
export interface TestData {
  readonly userCode: string;
  readonly verificationUri?: string;
  readonly nested?: { readonly list: readonly number[]; readonly at?: unknown };
}

/** A fresh random pending id (256 bits, base64url). */
export function freshId(): string {
  return randomBytes(32).toString('base64url');
}

/** A pending of `namespace` created at `now`, living `ttlMs`. */
export function makePending(
  namespace: string,
  now: number,
  ttlMs = 60_000,
  overrides: Partial<Pending<TestData>> = {},
): Pending<TestData> {
  return {
    id: freshId(),
    namespace,
    kind: 'device_code',
    alias: 'work',
    resource: 'https://login.example.com',
    createdAt: now,
    expiresAt: now + ttlMs,
    data: { userCode: 'WDJB-MJHT', verificationUri: 'https://login.example.com/device' },
    ...overrides,
  };
}
