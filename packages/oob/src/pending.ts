/**
 * What kind of out-of-band interaction a pending stands for. The three named kinds are the
 * common ones; any other non-empty string is allowed.
 */
export type PendingKind = 'device_code' | 'oauth_redirect' | 'basic_credentials' | (string & {});

/**
 * A typed pending out-of-band interaction bound to a namespace (a tenant): a login the server
 * started whose completion arrives later, through a callback or a form, often on another
 * request or another server instance.
 *
 * Stores keep it as JSON, so `data` must survive `JSON.stringify`/`JSON.parse` (a `Date`
 * comes back as a string; `undefined` fields disappear).
 *
 * @typeParam T - The service's own payload (a device-code message, a form schema, PKCE state…).
 */
export interface Pending<T> {
  /** The pending's id: ≥ 128 random bits, base64url (URL-safe). Knowing it is the capability to complete it. */
  readonly id: string;
  /** The namespace (tenant) the pending belongs to; taken from the creator's context. */
  readonly namespace: string;
  /** What kind of interaction this is, e.g. `device_code`, `oauth_redirect`, `basic_credentials`. */
  readonly kind: PendingKind;
  /** The account or connector alias the interaction is for. Default: none. */
  readonly alias?: string;
  /** The provider domain, tenant or connector the interaction concerns. Default: none. */
  readonly resource?: string;
  /** The id of an MCP elicitation sent to notify the client, if one was. Default: none. */
  readonly elicitId?: string;
  /** When the pending was created, in epoch milliseconds. */
  readonly createdAt: number;
  /** When it expires, in epoch milliseconds; from then on it is not found. */
  readonly expiresAt: number;
  /** The service-specific payload. */
  readonly data: T;
}

/**
 * What a caller gives {@link OobManager.create}. It has no namespace: the manager takes the
 * namespace from the caller's context, never from input.
 *
 * @typeParam T - The service's own payload.
 */
export interface Spec<T> {
  /**
   * Not accepted: the namespace comes from the manager's namespace provider. A namespace
   * smuggled in at run time (from JavaScript or a cast) is ignored.
   */
  readonly namespace?: never;
  /** What kind of interaction this is, e.g. `device_code`, `oauth_redirect`, `basic_credentials`. */
  readonly kind: PendingKind;
  /** The account or connector alias the interaction is for. Default: none. */
  readonly alias?: string;
  /** The provider domain, tenant or connector the interaction concerns. Default: none. */
  readonly resource?: string;
  /** The id of an MCP elicitation sent to notify the client, if one was. Default: none. */
  readonly elicitId?: string;
  /**
   * When the pending expires, in epoch milliseconds of the manager's clock (e.g. a device
   * authorization's `expiresAt`). Default: now + the manager's `defaultTtlMs`.
   */
  readonly expiresAt?: number;
  /** The service-specific payload; must survive JSON. */
  readonly data: T;
}

/** The longest namespace accepted, in UTF-16 code units. */
export const MAX_NAMESPACE_LENGTH = 512;

const ID_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * Tells whether `value` has the form of a pending id: 22 to 128 base64url characters (at least
 * 128 bits when random). Malformed ids are "not found" without a store round trip.
 *
 * @param value - Anything, typically a path segment of a callback URL.
 * @returns `true` when `value` could be a pending id.
 */
export function isPendingId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * Checks a namespace argument.
 *
 * @throws TypeError when `namespace` is not a non-empty string of at most 512 code units.
 * @internal
 */
export function assertNamespace(
  namespace: unknown,
  name = 'namespace',
): asserts namespace is string {
  if (
    typeof namespace !== 'string' ||
    namespace.length === 0 ||
    namespace.length > MAX_NAMESPACE_LENGTH
  ) {
    throw new TypeError(
      `${name} must be a non-empty string of at most ${MAX_NAMESPACE_LENGTH} characters`,
    );
  }
}

function optionalString(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`pending.${name} must be a string when given`);
  }
}

/**
 * Checks a pending before a store writes it.
 *
 * @throws TypeError when a field is missing or ill-formed, or `expiresAt` is not after `now`.
 * @internal
 */
export function assertPending(pending: unknown, now: number): asserts pending is Pending<unknown> {
  if (typeof pending !== 'object' || pending === null) {
    throw new TypeError('pending must be an object');
  }
  const p = pending as Record<string, unknown>;
  if (!isPendingId(p.id)) {
    throw new TypeError('pending.id must be 22 to 128 base64url characters');
  }
  assertNamespace(p.namespace, 'pending.namespace');
  if (typeof p.kind !== 'string' || p.kind.length === 0) {
    throw new TypeError('pending.kind must be a non-empty string');
  }
  optionalString(p.alias, 'alias');
  optionalString(p.resource, 'resource');
  optionalString(p.elicitId, 'elicitId');
  if (!Number.isSafeInteger(p.createdAt) || !Number.isSafeInteger(p.expiresAt)) {
    throw new TypeError('pending.createdAt and pending.expiresAt must be epoch milliseconds');
  }
  if ((p.expiresAt as number) <= now) {
    throw new TypeError('pending.expiresAt must be in the future');
  }
}

/**
 * The JSON a store keeps for a pending (its own copy: later changes to the caller's object do
 * not reach the store).
 *
 * @throws TypeError when `data` cannot be serialised (a BigInt, a cycle).
 * @internal
 */
export function encodePending(pending: Pending<unknown>): string {
  const { id, namespace, kind, alias, resource, elicitId, createdAt, expiresAt, data } = pending;
  return JSON.stringify({
    id,
    namespace,
    kind,
    alias,
    resource,
    elicitId,
    createdAt,
    expiresAt,
    data,
  });
}

/**
 * Reads a pending a store kept; `undefined` when the text is not one {@link encodePending} wrote.
 *
 * @internal
 */
export function decodePending<T>(text: string): Pending<T> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  if (
    !isPendingId(p.id) ||
    typeof p.namespace !== 'string' ||
    typeof p.kind !== 'string' ||
    typeof p.createdAt !== 'number' ||
    typeof p.expiresAt !== 'number'
  ) {
    return undefined;
  }
  return value as Pending<T>;
}

/**
 * Orders pendings oldest first: by `createdAt`, then by id.
 *
 * @internal
 */
export function byAge(a: Pending<unknown>, b: Pending<unknown>): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
