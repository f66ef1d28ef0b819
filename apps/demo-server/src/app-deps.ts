import type { AuthSessionManager, SessionRecord, SessionStateStore } from '@latch/auth-session';
import type { Store as OobStore } from '@latch/oob';
import type { Context } from 'hono';
import type { FlowDeps, LoginPendingData } from './flows/flow-deps.js';
import type { Login, LoginCookieSettings } from './login-cookie.js';
import type { FixedWindowLimiter } from './rate-limit.js';
import type { Tenant } from './tenants.js';

/** Everything the routes use. */
export interface AppDeps {
  /** The flows' dependencies (issuer, oob, tokens…). */
  readonly flow: FlowDeps;
  /** The auth session manager of this instance. */
  readonly sessions: AuthSessionManager;
  /** The session state store (read to check a session's tenant). */
  readonly sessionStore: SessionStateStore;
  /** Reads a session record synchronously when the state is in memory (see `openStores`). */
  readonly peekSession: ((id: string) => SessionRecord | undefined) | undefined;
  /** The request's signed-in tenant, read from its login cookie, or `undefined`. */
  readonly signedIn: (c: Context) => Login | undefined;
  /** The oob pending store (read by the callback route). */
  readonly oobStore: OobStore<LoginPendingData>;
  /** The tenants by id. */
  readonly tenants: ReadonlyMap<string, Tenant>;
  /** How the login cookie is signed and written. */
  readonly cookie: LoginCookieSettings;
  /** The polling rate limit, per tenant. */
  readonly limiter: FixedWindowLimiter;
  /** The failed sign-in limit, per client address and tenant. */
  readonly signInLimiter: FixedWindowLimiter;
  /** This instance's name. */
  readonly instance: string;
  /**
   * The security headers of the answers that are not documents, with the instance's name (see
   * `API_SECURITY_HEADERS`): the answers the app writes them on itself carry these.
   */
  readonly apiHeaders: Readonly<Record<string, string>>;
  /** Whether the sign-in page shows the demo passwords. */
  readonly showDemoPasswords: boolean;
  /** Open event streams, ended when the server closes. */
  readonly streams: Set<AbortController>;
  /** How often an idle event stream sends a comment, in ms. */
  readonly keepAliveMs: number;
  /** Starts a periodic timer; returns its stop function. */
  readonly interval: (ms: number, tick: () => void) => () => void;
}
