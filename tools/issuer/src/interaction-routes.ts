import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Interaction, type Provider } from 'oidc-provider';
import { DEMO_USER, isDemoLogin } from './demo-user.js';
import { readFormBody } from './form-body.js';
import { alert, renderConsentPage, renderLoginPage, renderPage } from './pages.js';

/** What the interaction pages need. */
export interface InteractionRoutesOptions {
  /** The provider whose interactions these pages finish. */
  readonly provider: Provider;
  /** The issuer URL; form posts must come from this origin when they carry an `Origin`. */
  readonly issuerUrl: string;
  /** Secret for the pages' anti-CSRF tokens, random per start. */
  readonly csrfKey: Buffer;
}

/** Handles one request; resolves `false` when the path is not an interaction page. */
export type InteractionRoutes = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const PATH = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|consent))?$/;

/**
 * The issuer's own login and consent pages, mounted in front of oidc-provider at
 * `/interaction/:uid` (its `interactions.url`). They read the pending interaction with
 * `provider.interactionDetails` and finish it with `provider.interactionFinished`, which
 * redirects the browser back to the authorization (or device) flow.
 *
 * CSRF: the interaction is bound to the browser by oidc-provider's signed, path-scoped,
 * `SameSite=Lax` interaction cookie; each form also carries an HMAC of the interaction id, and a
 * cross-origin `Origin` header is refused.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#Consent
 */
export function createInteractionRoutes(options: InteractionRoutesOptions): InteractionRoutes {
  const origin = new URL(options.issuerUrl).origin;
  const csrfFor = (uid: string): string =>
    createHmac('sha256', options.csrfKey).update(uid).digest('base64url');

  return async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const match = PATH.exec(url.pathname);
    if (match === null) return false;
    const [, uid = '', step] = match;
    try {
      if (step === undefined && req.method === 'GET') {
        const details = await options.provider.interactionDetails(req, res);
        assertUid(details, uid);
        send(res, 200, showPrompt(details, csrfFor(uid)));
      } else if (step !== undefined && req.method === 'POST') {
        if (req.headers.origin !== undefined && req.headers.origin !== origin) {
          send(res, 403, errorPage('This form was submitted from another site.'));
          return true;
        }
        const details = await options.provider.interactionDetails(req, res);
        assertUid(details, uid);
        const form = await readFormBody(req);
        if (!sameToken(form.get('csrf') ?? '', csrfFor(uid))) {
          send(
            res,
            403,
            errorPage('The form expired. Go back to the application and start again.'),
          );
        } else if (step === 'login') {
          await submitLogin(options.provider, req, res, details, form, csrfFor(uid));
        } else {
          await submitConsent(options.provider, req, res, details, form);
        }
      } else {
        res.setHeader('Allow', step === undefined ? 'GET' : 'POST');
        send(res, 405, errorPage('This page does not accept that request method.'));
      }
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
      } else if (error instanceof errors.SessionNotFound) {
        send(
          res,
          400,
          errorPage(
            'This sign-in request has expired or was started in another browser. Start again from the application.',
          ),
        );
      } else {
        const status = statusOf(error);
        send(
          res,
          status,
          errorPage(status >= 500 ? 'The issuer failed to process the request.' : messageOf(error)),
        );
      }
    }
    return true;
  };
}

function showPrompt(details: Interaction, csrf: string): string {
  const clientName = String(details.params.client_id ?? 'an application');
  const uid = details.uid;
  if (details.prompt.name === 'login') {
    return renderLoginPage({ uid, csrf, clientName });
  }
  if (details.prompt.name === 'consent') {
    const missing = details.prompt.details as ConsentDetails;
    return renderConsentPage({
      uid,
      csrf,
      clientName,
      scopes: missing.missingOIDCScope ?? [],
      claims: missing.missingOIDCClaims ?? [],
      resourceScopes: missing.missingResourceScopes ?? {},
    });
  }
  throw Object.assign(new Error(`unsupported prompt "${details.prompt.name}"`), { status: 400 });
}

async function submitLogin(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  form: URLSearchParams,
  csrf: string,
): Promise<void> {
  assertPrompt(details, 'login');
  const username = form.get('username') ?? '';
  if (!isDemoLogin(username, form.get('password') ?? '')) {
    const clientName = String(details.params.client_id ?? 'an application');
    send(
      res,
      200,
      renderLoginPage({
        uid: details.uid,
        csrf,
        clientName,
        username,
        error: 'Wrong username or password.',
      }),
    );
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: DEMO_USER.sub } },
    { mergeWithLastSubmission: false },
  );
}

/** The `details` of oidc-provider's consent prompt that name what is not granted yet. */
interface ConsentDetails {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

async function submitConsent(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  details: Interaction,
  form: URLSearchParams,
): Promise<void> {
  assertPrompt(details, 'consent');
  const decision = form.get('decision');
  if (decision === 'deny') {
    // RFC 6749 §4.1.2.1: the client receives error=access_denied on its redirect URI.
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user denied the request.' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (decision !== 'approve') {
    throw Object.assign(new Error('Choose Approve or Deny.'), { status: 400 });
  }
  const accountId = details.session?.accountId;
  const clientId = details.params.client_id;
  if (accountId === undefined || typeof clientId !== 'string') {
    throw Object.assign(new Error('Sign in first.'), { status: 400 });
  }
  const existing =
    details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as ConsentDetails;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

function assertUid(details: Interaction, uid: string): void {
  if (details.uid !== uid) {
    throw Object.assign(
      new Error('This page belongs to another sign-in request. Start again from the application.'),
      { status: 400 },
    );
  }
}

function assertPrompt(details: Interaction, name: 'login' | 'consent'): void {
  if (details.prompt.name !== name) {
    throw Object.assign(new Error('This step is already done. Go back and reload the page.'), {
      status: 400,
    });
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'The request could not be processed.';
}

function errorPage(message: string): string {
  return renderPage({ title: 'Something went wrong', outcome: 'error', body: alert(message) });
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // No scripts, no framing (clickjacking on the consent page), inline styles only.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  res.setHeader('Content-Length', Buffer.byteLength(html));
  res.end(html);
}
