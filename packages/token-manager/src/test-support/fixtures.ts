import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSet } from '@latch/core';
import { type Issuer, startIssuer } from '@latch/issuer';
import { demoSession } from '@latch/test-support';
import { MemoryStore, type StoreCallOptions, type TokenStore } from '@latch/tokenstore';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setTokenManagerSeamsForTest, type TokenManagerSeams } from '../test-seams.js';
import { TokenManager } from '../token-manager.js';
import type { TokenManagerOptions } from '../token-manager-options.js';

/** The refresh and token exchange grant types, as the issuer counts them. */
export const REFRESH = 'refresh_token';
export const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** A fresh directory under the system temp directory, and a function that removes it. */
export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'latch-token-manager-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** One embedded issuer for the test file (silent), reset before each test by the caller. */
export function useIssuer(options: Parameters<typeof startIssuer>[0] = {}): () => Issuer {
  let issuer: Issuer | undefined;
  beforeAll(async () => {
    issuer = await startIssuer({ log: () => {}, ...options });
  });
  afterAll(async () => {
    await issuer?.close();
  });
  return () => {
    if (issuer === undefined) throw new Error('the issuer is not started yet');
    return issuer;
  };
}

/** A fake clock a test moves by hand. */
export class TestClock {
  constructor(public current = Date.now()) {}
  readonly now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Everything a manager test needs: managers on one store and one lock directory. */
export interface ManagerKit {
  readonly issuer: Issuer;
  readonly store: CountingStore;
  readonly lockDir: string;
  /** A manager on the kit's store and lock directory; seams applied when given. */
  manager(options?: Partial<TokenManagerOptions>, seams?: TokenManagerSeams): TokenManager;
  /** Logs the demo user in on the issuer and returns the session as a TokenSet. */
  login(scope?: string): Promise<TokenSet>;
}

/** Managers against the shared issuer, each test with a fresh store and lock directory. */
export function useManagerKit(getIssuer: () => Issuer): () => ManagerKit {
  let kit: ManagerKit | undefined;
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    kit = undefined;
    await remove?.();
    remove = undefined;
  });
  return () => {
    if (kit !== undefined) return kit;
    const issuer = getIssuer();
    issuer.grants.reset();
    issuer.setTtl({ accessToken: 3600, exchangedToken: 3600 });
    const store = new CountingStore(new MemoryStore());
    const lockDir = join(tmpdir(), `latch-token-manager-locks-${process.pid}-${Math.random()}`);
    remove = () => rm(lockDir, { recursive: true, force: true });
    kit = {
      issuer,
      store,
      lockDir,
      manager(options = {}, seams) {
        const manager = new TokenManager({
          issuer: issuer.url,
          clientId: issuer.clientId,
          store,
          lockDir,
          ...options,
        });
        if (seams !== undefined) setTokenManagerSeamsForTest(manager, seams);
        return manager;
      },
      login: (scope) => demoSession(issuer, scope),
    };
    return kit;
  };
}

/** A store that counts its calls and can be told to fail. */
export class CountingStore implements TokenStore {
  loads = 0;
  saves = 0;
  deletes = 0;
  /** When set, the next `delete` rejects with it. */
  failNextDelete: Error | undefined;
  readonly inner: TokenStore;

  constructor(inner: TokenStore) {
    this.inner = inner;
  }

  load(key: string, options?: StoreCallOptions): Promise<TokenSet | undefined> {
    this.loads++;
    return this.inner.load(key, options);
  }

  save(key: string, tokens: TokenSet, options?: StoreCallOptions): Promise<void> {
    this.saves++;
    return this.inner.save(key, tokens, options);
  }

  async delete(key: string, options?: StoreCallOptions): Promise<void> {
    this.deletes++;
    const failure = this.failNextDelete;
    this.failNextDelete = undefined;
    if (failure !== undefined) throw failure;
    return this.inner.delete(key, options);
  }

  reset(): void {
    this.loads = 0;
    this.saves = 0;
    this.deletes = 0;
  }
}

/** Posts a form to one of the issuer's endpoints and returns the JSON answer. */
export async function issuerForm(
  issuer: Issuer,
  path: string,
  form: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, issuer.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ client_id: issuer.clientId, ...form }),
  });
  const text = await response.text();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Whether the issuer still accepts `refreshToken` (RFC 7662 introspection). */
export async function isActive(issuer: Issuer, refreshToken: string | undefined): Promise<boolean> {
  if (refreshToken === undefined) return false;
  const answer = await issuerForm(issuer, '/token/introspection', { token: refreshToken });
  return answer.active === true;
}

/** The claims of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** An unsigned JWT with `claims`, for the pure tests (the manager only reads claims). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'at+jwt' })}.${part(claims)}.c2lnbmF0dXJl`;
}
