import type { AuthorizationServerMetadata, TokenSet } from '@latch/core';
import { readJwtClaims, revokeToken } from '@latch/core';
import { TokenManager } from '@latch/token-manager';
import { CorruptStoreError, type TokenStore } from '@latch/tokenstore';
import { tenantTokenStore } from './tenant-store.js';

/** Settings of {@link TenantTokens}. */
export interface TenantTokensOptions {
  /** The issuer identifier. */
  readonly issuer: string;
  /** The server's client id (every tenant's tokens belong to it). */
  readonly clientId: string;
  /** The shared token store; each tenant sees it through a key prefix. */
  readonly store: TokenStore;
  /** Where the token managers take their cross-process refresh lock. */
  readonly lockDir: string;
  /** The second resource, reached by token exchange ("Call the API"). */
  readonly dataResource: string;
  /** The issuer's metadata. */
  readonly metadata: (signal?: AbortSignal) => Promise<AuthorizationServerMetadata>;
}

/** What a tenant's page shows about its connection; never a token. */
export type ConnectionInfo =
  | {
      /** No account is connected. */
      readonly connected: false;
      /**
       * Tokens are stored but cannot be read back (the server secret changed, or the entry
       * was written by something else): connecting again replaces them.
       */
      readonly unreadable?: true | undefined;
    }
  | {
      /** An account is connected. */
      readonly connected: true;
      /** Who: the ID token's e-mail, name or subject. */
      readonly who: string;
      /** The account's subject (`sub`). */
      readonly subject?: string | undefined;
    };

/** What "Call the API" shows: the claims of the token obtained, never the token. */
export interface ApiCallResult {
  /** The token's audience (`aud`). */
  readonly audience: string;
  /** The token's subject (`sub`). */
  readonly subject: string;
  /** When it expires, epoch seconds (`exp`). */
  readonly expiresAt: number | undefined;
  /** Its scope, when the token names one. */
  readonly scope: string | undefined;
}

/**
 * The tenants' connected accounts: one `TokenManager` per tenant over the shared store seen
 * through the tenant's key prefix (silent refresh, RFC 8693 exchange for the data resource),
 * plus the connection status and the disconnect (RFC 7009 revocation, then delete).
 */
export class TenantTokens {
  readonly #options: TenantTokensOptions;
  readonly #managers = new Map<string, TokenManager>();

  /** @param options - Issuer, client, store, lock directory, resource and metadata. */
  constructor(options: TenantTokensOptions) {
    this.#options = options;
  }

  /**
   * The tenant's token manager (made on first use).
   *
   * @param tenant - The tenant id.
   * @returns Its manager.
   */
  managerOf(tenant: string): TokenManager {
    let manager = this.#managers.get(tenant);
    if (manager === undefined) {
      manager = new TokenManager({
        issuer: this.#options.issuer,
        clientId: this.#options.clientId,
        store: tenantTokenStore(this.#options.store, tenant),
        lockDir: this.#options.lockDir,
        // The tenant is the profile: its session key, and so its cross-process lock, is its
        // own — tenants never wait on each other's refresh.
        profile: tenant,
        // Another instance may connect or disconnect the tenant: always read the store.
        reloadAfterMs: 0,
      });
      this.#managers.set(tenant, manager);
    }
    return manager;
  }

  /**
   * Stores a tenant's new login (replacing any earlier one).
   *
   * @param tenant - The tenant id.
   * @param tokens - The tokens.
   * @returns Who logged in (for the session's status), when the ID token says.
   */
  async save(tenant: string, tokens: TokenSet): Promise<string | undefined> {
    await this.managerOf(tenant).saveCoreToken(tokens);
    return whoIs(tokens);
  }

  /**
   * Tells whether the tenant has a connected account, and whose.
   *
   * @param tenant - The tenant id.
   * @returns The connection, without any token.
   */
  async connection(tenant: string): Promise<ConnectionInfo> {
    let tokens: TokenSet | undefined;
    try {
      tokens = await this.managerOf(tenant).lookupCoreToken();
    } catch (error) {
      if (CorruptStoreError.isInstance(error)) return { connected: false, unreadable: true };
      throw error;
    }
    if (tokens === undefined) return { connected: false };
    const claims = readJwtClaims(tokens.accessToken);
    return {
      connected: true,
      who: whoIs(tokens) ?? 'an unnamed account',
      subject: typeof claims?.sub === 'string' ? claims.sub : undefined,
    };
  }

  /**
   * Gets a token for the data resource through the tenant's manager (refresh if due, RFC
   * 8693 exchange, cached) and describes it.
   *
   * @param tenant - The tenant id.
   * @param signal - Aborts the wait.
   * @returns The token's claims.
   * @throws `NotLoggedInError`, `ReauthRequiredError` and the other token-manager errors.
   */
  async callApi(tenant: string, signal?: AbortSignal): Promise<ApiCallResult> {
    const token = await this.managerOf(tenant).token(
      { resource: this.#options.dataResource },
      signal === undefined ? {} : { signal },
    );
    const claims = readJwtClaims(token) ?? {};
    const aud = Array.isArray(claims.aud) ? claims.aud.join(' ') : String(claims.aud ?? '');
    return {
      audience: aud,
      subject: String(claims.sub ?? ''),
      expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
      scope: typeof claims.scope === 'string' ? claims.scope : undefined,
    };
  }

  /**
   * Disconnects the tenant's account: revokes the refresh token (RFC 7009; a refusal is
   * reported, not fatal) and deletes the stored tokens.
   *
   * @see {@link https://www.rfc-editor.org/rfc/rfc7009#section-2 | RFC 7009 §2}
   * @param tenant - The tenant id.
   * @returns Whether the issuer accepted the revocation (`false` when there was nothing to
   *   revoke or it refused).
   */
  async disconnect(tenant: string): Promise<boolean> {
    const manager = this.managerOf(tenant);
    // Tokens that cannot be read back cannot be revoked either; they are deleted all the same.
    const tokens = await manager
      .lookupCoreToken()
      .catch((error: unknown) =>
        CorruptStoreError.isInstance(error) ? undefined : Promise.reject(error),
      );
    let revoked = false;
    const token = tokens?.refreshToken ?? tokens?.accessToken;
    if (token !== undefined) {
      try {
        const { revocationEndpoint } = await this.#options.metadata();
        if (revocationEndpoint !== undefined) {
          await revokeToken({
            endpoint: revocationEndpoint,
            clientId: this.#options.clientId,
            token,
            tokenTypeHint: tokens?.refreshToken === undefined ? 'access_token' : 'refresh_token',
          });
          revoked = true;
        }
      } catch {
        revoked = false;
      }
    }
    await manager.deleteCoreToken();
    return revoked;
  }
}

/** The ID token's e-mail, name or subject, else the access token's subject. */
function whoIs(tokens: TokenSet): string | undefined {
  const id = tokens.idToken === undefined ? undefined : readJwtClaims(tokens.idToken);
  for (const value of [id?.email, id?.name, id?.sub, readJwtClaims(tokens.accessToken)?.sub]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
