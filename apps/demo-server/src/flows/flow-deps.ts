import type { AuthSessionManager } from '@latch/auth-session';
import type { AuthorizationServerMetadata } from '@latch/core';
import type { OobManager } from '@latch/oob';
import type { TenantTokens } from '../tenant-tokens.js';

/** The three ways a tenant can connect an account. */
export type FlowName = 'device' | 'redirect' | 'cli';

/** Every flow, in the order the page offers them. */
export const FLOWS: readonly FlowName[] = Object.freeze(['device', 'redirect', 'cli']);

/**
 * What the server keeps, out of band, about a tenant's login in progress (an `@latch/oob`
 * pending in the tenant's namespace). Server-side only: never rendered, never sent.
 */
export interface LoginPendingData {
  /** The auth session the login belongs to. */
  readonly sessionId: string;
  /** Which flow. */
  readonly flow: FlowName;
  /** Redirect flow: the `state` sent (RFC 6749 §4.1.1). */
  readonly state?: string | undefined;
  /** Redirect flow: the PKCE code verifier (RFC 7636 §4.1). */
  readonly codeVerifier?: string | undefined;
  /** Redirect flow: the OpenID `nonce` sent. */
  readonly nonce?: string | undefined;
  /** Redirect flow: the origin the callback URL was built on (the starting instance's). */
  readonly callbackBase?: string | undefined;
}

/** What the flow drivers are built from. */
export interface FlowDeps {
  /** The issuer identifier. */
  readonly issuer: string;
  /** The server's client id. */
  readonly clientId: string;
  /** The scope every flow asks for. */
  readonly scope: string;
  /** This instance's public base URL (where callbacks come back to). */
  readonly baseUrl: () => string;
  /** How long a login may take, in ms (the pending lives as long). */
  readonly timeoutMs: number;
  /**
   * A tenant's out-of-band logins: the `OobManager` whose namespace is the tenant (one per
   * tenant; it sees that tenant's pendings only).
   */
  readonly oob: (tenant: string) => OobManager<LoginPendingData>;
  /** The tenants' tokens. */
  readonly tokens: TenantTokens;
  /** The issuer's metadata. */
  readonly metadata: (signal?: AbortSignal) => Promise<AuthorizationServerMetadata>;
  /** The session manager (set once it exists; flows finish sessions through it). */
  readonly sessions: () => AuthSessionManager;
  /** The clock, epoch ms. */
  readonly now: () => number;
  /** Waits between device polls. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Errors of background work. */
  readonly onError: (error: unknown) => void;
}
