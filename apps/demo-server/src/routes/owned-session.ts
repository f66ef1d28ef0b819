import { type PollResult, timeoutEvent, toPollResult } from '@latch/auth-session';
import type { AppDeps } from '../app-deps.js';

const SESSION_ID = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Finds a session of `tenant`: `undefined` alike for a malformed id, an unknown or swept
 * session, and another tenant's session (its `intoBundleId` is the tenant that started it).
 *
 * @param deps - The app's dependencies.
 * @param tenant - The signed-in tenant.
 * @param id - The session id from the URL.
 * @returns The session's state, or `undefined`.
 */
export async function ownedSession(
  deps: AppDeps,
  tenant: string,
  id: string,
): Promise<PollResult | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const record = await deps.sessionStore.get(id);
  if (record === undefined || record.intoBundleId !== tenant) return undefined;
  // The record just read answers the poll, unless its deadline passed: then the manager
  // applies the timeout (and stops the driver).
  if (timeoutEvent(record, deps.flow.now()) === undefined) return toPollResult(record);
  return deps.sessions.poll(id);
}
