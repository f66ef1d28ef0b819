import { createHash, timingSafeEqual } from 'node:crypto';

/** A tenant of the demo server: an organisation that signs in and connects one account. */
export interface Tenant {
  /**
   * The tenant id: 1–32 characters of `a–z 0–9 -`, starting with a letter. It is the
   * `@latch/oob` namespace of the tenant's logins and the prefix of its token-store keys.
   */
  readonly id: string;
  /** The name shown on the pages. */
  readonly name: string;
  /** The password that signs the tenant in (a demo: compared in constant time, never shown unless asked). */
  readonly password: string;
}

/** The two tenants the demo server has out of the box. */
export const DEMO_TENANTS: readonly Tenant[] = Object.freeze([
  Object.freeze({ id: 'acme', name: 'Acme Corp', password: 'acme-demo' }),
  Object.freeze({ id: 'globex', name: 'Globex Inc', password: 'globex-demo' }),
]);

const TENANT_ID = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Checks a tenant list: at least one tenant, well-formed unique ids, non-empty passwords.
 *
 * @param tenants - The tenants.
 * @returns A map from id to tenant.
 * @throws TypeError for a bad list.
 */
export function indexTenants(tenants: readonly Tenant[]): ReadonlyMap<string, Tenant> {
  if (!Array.isArray(tenants) || tenants.length === 0) {
    throw new TypeError('createServer: options.tenants must be a non-empty array');
  }
  const byId = new Map<string, Tenant>();
  for (const tenant of tenants) {
    if (typeof tenant?.id !== 'string' || !TENANT_ID.test(tenant.id)) {
      throw new TypeError(
        'createServer: each tenant id must be 1–32 characters of a–z 0–9 -, starting with a letter',
      );
    }
    if (typeof tenant.password !== 'string' || tenant.password === '') {
      throw new TypeError(`createServer: tenant ${tenant.id} needs a non-empty password`);
    }
    if (typeof tenant.name !== 'string' || tenant.name === '') {
      throw new TypeError(`createServer: tenant ${tenant.id} needs a name`);
    }
    if (byId.has(tenant.id))
      throw new TypeError(`createServer: tenant ${tenant.id} is listed twice`);
    byId.set(tenant.id, tenant);
  }
  return byId;
}

/**
 * Compares a typed password with the tenant's, in constant time (over SHA-256 digests, so the
 * lengths do not leak either).
 *
 * @param tenant - The tenant, or `undefined` for an unknown id (always `false`).
 * @param typed - What was typed.
 * @returns Whether it matches.
 */
export function passwordMatches(tenant: Tenant | undefined, typed: unknown): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  const given = digest(typeof typed === 'string' ? typed : '');
  const wanted = digest(tenant?.password ?? '\u0000no tenant');
  return timingSafeEqual(given, wanted) && tenant !== undefined;
}
