import {
  type PollResult,
  type SessionRecord,
  timeoutEvent,
  toPollResult,
} from '@latch/auth-session';
import type { AppDeps } from '../app-deps.js';

/** A session id as the routes accept it (the status path's pattern is built from it). */
export const SESSION_ID_SOURCE = '[A-Za-z0-9_-]{8,100}';
const SESSION_ID = new RegExp(`^${SESSION_ID_SOURCE}$`);

/**
 * The poll result of each record read, for as long as the record object lives: the memory
 * store hands out the same object until the session changes, so a polled session is converted
 * once per change (a Redis read is a new object each time, and misses).
 */
const pollResults = new WeakMap<SessionRecord, PollResult>();

/**
 * Finds a session of `tenant`: `undefined` alike for a malformed id, an unknown or swept
 * session, and another tenant's session (its `intoBundleId` is the tenant that started it).
 * Synchronous when the session state is in memory and the session has not timed out, so the
 * polled status route can answer without a promise; a promise otherwise.
 *
 * @param deps - The app's dependencies.
 * @param tenant - The signed-in tenant.
 * @param id - The session id from the URL.
 * @returns The session's state, or `undefined`.
 */
export function ownedSession(
  deps: AppDeps,
  tenant: string,
  id: string,
): PollResult | undefined | Promise<PollResult | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  if (deps.peekSession !== undefined) return pollOf(deps, tenant, id, deps.peekSession(id));
  return deps.sessionStore.get(id).then((record) => pollOf(deps, tenant, id, record));
}

function pollOf(
  deps: AppDeps,
  tenant: string,
  id: string,
  record: SessionRecord | undefined,
): PollResult | undefined | Promise<PollResult | undefined> {
  if (record === undefined || record.intoBundleId !== tenant) return undefined;
  // The record just read answers the poll, unless its deadline passed: then the manager
  // applies the timeout (and stops the driver).
  if (timeoutEvent(record, deps.flow.now()) !== undefined) return deps.sessions.poll(id);
  let poll = pollResults.get(record);
  if (poll === undefined) {
    poll = toPollResult(record);
    pollResults.set(record, poll);
  }
  return poll;
}
