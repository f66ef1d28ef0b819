import type { IncomingMessage, ServerResponse } from 'node:http';
import { alert, renderPage } from './pages.js';

/** What {@link createDeviceFormGuard} needs to know. */
export interface DeviceFormGuardOptions {
  /** The path of oidc-provider's user-code page (`/device`). */
  readonly codeVerificationPath: string;
  /** The name of oidc-provider's session cookie (`_session`). */
  readonly sessionCookie: string;
  /** Whether a session with this id is stored. */
  readonly sessionExists: (id: string) => Promise<boolean>;
}

/**
 * Answers a user-code form POST that has no stored browser session with 400, before it reaches
 * oidc-provider.
 *
 * Why: oidc-provider 9.13.3 re-renders the form for any error on that route, which writes
 * anti-CSRF state into a brand-new session, then fails to persist it ("persist can only be
 * called on previously persisted Sessions") and answers 500. A browser that loaded the page
 * always has the session; a cross-site (CSRF) or scripted POST does not, and deserves a 400.
 *
 * @returns a handler resolving `true` when it answered the request itself.
 */
export function createDeviceFormGuard(
  options: DeviceFormGuardOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== 'POST') return false;
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== options.codeVerificationPath) {
      return false;
    }
    const id = cookieValue(req.headers.cookie, options.sessionCookie);
    if (id !== undefined && (await options.sessionExists(id))) return false;
    const html = renderPage({
      title: 'Sign in a device',
      outcome: 'error',
      body: alert(
        'This form expired or was sent from another site. Open the verification page again.',
      ),
    });
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(html);
    return true;
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}
