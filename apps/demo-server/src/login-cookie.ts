import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, setSignedCookie } from 'hono/cookie';

/** The name of the app's own login cookie. */
export const LOGIN_COOKIE = 'latch_demo_login';

/** How long a sign-in lasts: 8 hours. */
export const LOGIN_MAX_AGE_SECONDS = 8 * 60 * 60;

/** A signed-in tenant, as the login cookie carries it. */
export interface Login {
  /** The tenant id. */
  readonly tenant: string;
  /** This sign-in's random id: what the CSRF token is bound to. */
  readonly sid: string;
  /** When the sign-in ends, in ms since the epoch (signed into the cookie with the rest). */
  readonly expiresAt: number;
}

/** How the cookie is written. */
export interface LoginCookieSettings {
  /** The HMAC key the cookie is signed with (shared by every instance). */
  readonly secret: string;
  /** Whether to mark the cookie `Secure` (only on https). */
  readonly secure: boolean;
}

const VALUE = /^([a-z][a-z0-9-]{0,31})\.([A-Za-z0-9_-]{22})\.([1-9]\d{0,15})$/;

/**
 * Signs a tenant in: a signed (HMAC-SHA256), `HttpOnly`, `SameSite=Lax`, `Path=/` cookie with
 * the tenant id and a fresh sign-in id. Lax, not Strict: the issuer's redirect back to
 * `/oob/callback/{id}` is a top-level navigation from another site, which must carry the
 * cookie for the callback to find its tenant.
 *
 * @param c - The request context.
 * @param tenant - The tenant id.
 * @param settings - Secret and `Secure`.
 * @param now - The time, in ms since the epoch: the sign-in ends {@link LOGIN_MAX_AGE_SECONDS}
 *   later.
 * @returns The new login.
 */
export async function issueLogin(
  c: Context,
  tenant: string,
  settings: LoginCookieSettings,
  now: number,
): Promise<Login> {
  // The end is signed into the value: the browser's Max-Age alone would leave a copied cookie
  // valid for ever.
  const expiresAt = Math.floor(now / 1000) * 1000 + LOGIN_MAX_AGE_SECONDS * 1000;
  const login = { tenant, sid: randomBytes(16).toString('base64url'), expiresAt };
  const value = `${login.tenant}.${login.sid}.${expiresAt / 1000}`;
  await setSignedCookie(c, LOGIN_COOKIE, value, settings.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: settings.secure,
    maxAge: LOGIN_MAX_AGE_SECONDS,
  });
  return login;
}

/** The longest login cookie value a sign-in writes, with room to spare: 200 characters. */
const MAX_LOGIN_VALUE_LENGTH = 200;

/**
 * The login cookie's raw value in a `Cookie` request header, or `undefined` when there is none
 * or it is longer than any sign-in writes.
 *
 * @param cookieHeader - The `Cookie` header, if any.
 * @returns The value, still to be verified with {@link verifyLoginValue}.
 */
export function loginCookieValue(cookieHeader: string | undefined): string | undefined {
  const raw = cookieValue(cookieHeader, LOGIN_COOKIE);
  return raw !== undefined && raw.length <= MAX_LOGIN_VALUE_LENGTH ? raw : undefined;
}

/**
 * Verifies a login cookie value; an unsigned, tampered or malformed one is no login (whether
 * it has expired is the caller's check: `expiresAt`). The cookie is written by hono's
 * `setSignedCookie` (`value.base64(HMAC-SHA256(value))`, URI-encoded); it is checked here with
 * node's synchronous HMAC and a constant-time comparison, which keeps WebCrypto's thread-pool
 * hop off every request (the status endpoint is polled).
 *
 * @param raw - The value, from {@link loginCookieValue}.
 * @param secret - The HMAC key.
 * @returns The login, or `undefined`.
 */
export function verifyLoginValue(raw: string, secret: string): Login | undefined {
  const dot = raw.lastIndexOf('.');
  if (dot < 0) return undefined;
  const value = raw.slice(0, dot);
  const given = Buffer.from(raw.slice(dot + 1));
  const wanted = Buffer.from(createHmac('sha256', secret).update(value).digest('base64'));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
  const match = VALUE.exec(value);
  if (match === null) return undefined;
  return {
    tenant: match[1] as string,
    sid: match[2] as string,
    expiresAt: Number(match[3]) * 1000,
  };
}

/** The (URI-decoded) value of cookie `name` in a `Cookie` header; the first one wins. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Signs the tenant out (deletes the cookie).
 *
 * @param c - The request context.
 * @param settings - Secret and `Secure`.
 */
export function clearLogin(c: Context, settings: LoginCookieSettings): void {
  deleteCookie(c, LOGIN_COOKIE, { path: '/', secure: settings.secure });
}

/**
 * The synchronizer token of a sign-in: HMAC-SHA256 of the tenant and sign-in id under the
 * secret, so every instance computes the same one and none has to store it.
 *
 * @param login - The sign-in.
 * @param secret - The HMAC key.
 * @returns The token for forms (`_csrf`) and the `x-csrf-token` header.
 */
export function csrfTokenFor(login: Login, secret: string): string {
  return createHmac('sha256', secret)
    .update(`csrf\u0000${login.tenant}\u0000${login.sid}`)
    .digest('base64url');
}

/**
 * Checks a submitted synchronizer token, in constant time.
 *
 * @param login - The sign-in.
 * @param secret - The HMAC key.
 * @param submitted - What the form or header sent.
 * @returns Whether it is this sign-in's token.
 */
export function csrfTokenMatches(login: Login, secret: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const wanted = Buffer.from(csrfTokenFor(login, secret));
  const given = Buffer.from(submitted);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
