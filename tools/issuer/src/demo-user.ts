import { createHash, timingSafeEqual } from 'node:crypto';

/** The one account the issuer knows: who to log in as, and the claims it releases. */
export interface DemoUser {
  /** The login form's username. */
  readonly username: string;
  /** The login form's password. */
  readonly password: string;
  /** The stable subject identifier (`sub`) in every token. */
  readonly sub: string;
  /** The `email` claim (scope `email`, always `email_verified: true`). */
  readonly email: string;
}

/**
 * The demo user: username `demo`, password `demo`, email `demo@latch.test`. The subject is the
 * same on every start so tests and the demo can compare `sub` across runs.
 */
export const DEMO_USER: DemoUser = Object.freeze({
  username: 'demo',
  password: 'demo',
  sub: 'latch-demo-user-0001',
  email: 'demo@latch.test',
});

/** The demo user's `name` claim (scope `profile`). */
export const DEMO_USER_NAME = 'Demo User';

/**
 * The OpenID Connect claims of the demo user, before oidc-provider filters them by scope.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims
 */
export function demoUserClaims(): Record<string, unknown> {
  return {
    sub: DEMO_USER.sub,
    name: DEMO_USER_NAME,
    email: DEMO_USER.email,
    email_verified: true,
  };
}

/**
 * Whether a login form submission names the demo user. Compares digests in constant time so
 * the answer's timing says nothing about how much of the password matched.
 */
export function isDemoLogin(username: string, password: string): boolean {
  const same = (a: string, b: string): boolean =>
    timingSafeEqual(
      createHash('sha256').update(a).digest(),
      createHash('sha256').update(b).digest(),
    );
  const userOk = same(username, DEMO_USER.username);
  const passwordOk = same(password, DEMO_USER.password);
  return userOk && passwordOk;
}
