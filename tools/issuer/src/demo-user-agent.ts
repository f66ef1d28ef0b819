import { Browser, type BrowserResponse } from './browser.js';
import type { DemoUser } from './demo-user.js';
import { type HtmlForm, parseForms, textOf } from './html-forms.js';
import type { PageOutcome } from './pages.js';

/** How the demo user behaves, and where. */
export interface DemoUserAgentOptions {
  /** The issuer URL; redirects elsewhere end `authorize`. */
  readonly issuerUrl: string;
  /** Whom to sign in as. */
  readonly user: Pick<DemoUser, 'username' | 'password'>;
  /** Press Deny on the consent page instead of Approve. Default false. */
  readonly deny?: boolean;
  /** The fetch implementation. Default: `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Aborts the walk through the pages. */
  readonly signal?: AbortSignal;
}

/** More pages than any flow here has; a loop between pages stops with an error. */
const MAX_STEPS = 20;

/**
 * Walks an authorization request through the issuer's real pages as the demo user, in a fresh
 * browser (cookie jar): follows redirects on the issuer, signs in, approves or denies consent,
 * and stops at the first redirect that leaves the issuer, the client's `redirect_uri`.
 *
 * @returns that redirect URL, not followed: `code`, `state` and `iss` on approval, or
 *   `error=access_denied` on denial (RFC 6749 §4.1.2, RFC 9207).
 * @throws Error when the issuer shows an error page, rejects the credentials, or loops.
 */
export async function authorizeAsDemoUser(
  authorizationUrl: string,
  options: DemoUserAgentOptions,
): Promise<string> {
  const origin = new URL(options.issuerUrl).origin;
  const browser = newBrowser(options);
  let response = await browser.get(authorizationUrl);
  let signedIn = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (response.location !== undefined && isRedirect(response.status)) {
      if (new URL(response.location).origin !== origin) return response.location;
      response = await browser.get(response.location);
      continue;
    }
    const page = readPage(response);
    if (page.forms.has('login')) {
      if (signedIn) throw pageError('authorize', 'the issuer rejected the demo credentials', page);
      signedIn = true;
      response = await signIn(browser, page, options);
    } else if (page.forms.has('consent')) {
      response = await decide(browser, page, options.deny === true);
    } else {
      throw pageError('authorize', 'the issuer did not redirect back to the client', page);
    }
  }
  throw new Error(`authorize(): gave up after ${MAX_STEPS} pages without reaching the client`);
}

/**
 * Signs a device in as the demo user through the issuer's real RFC 8628 pages, in a fresh
 * browser: opens the verification page, types `userCode`, confirms it, signs in, and approves
 * (or, with `deny`, denies) consent. Resolves when the issuer's final page reports that outcome.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 * @throws Error when the code is unknown, expired or used, or the final page shows another
 *   outcome than the one asked for.
 */
export async function approveDeviceAsDemoUser(
  verificationUri: string,
  userCode: string,
  options: DemoUserAgentOptions,
): Promise<void> {
  const browser = newBrowser(options);
  const wanted: PageOutcome = options.deny === true ? 'denied' : 'success';
  let response = await browser.get(verificationUri);
  let codeEntered = false;
  let signedIn = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (response.location !== undefined && isRedirect(response.status)) {
      response = await browser.get(response.location);
      continue;
    }
    const page = readPage(response);
    if (page.outcome !== undefined) {
      if (page.outcome === wanted) return;
      throw pageError(
        'approveDevice',
        `expected the "${wanted}" page, got "${page.outcome}"`,
        page,
      );
    }
    const codeForm = page.forms.get('op.deviceInputForm');
    const confirmForm = page.forms.get('op.deviceConfirmForm');
    if (codeForm !== undefined && !codeEntered) {
      codeEntered = true;
      response = await browser.submit(codeForm, { user_code: userCode }, plainButton(codeForm));
    } else if (confirmForm !== undefined) {
      response = await browser.submit(confirmForm, {}, plainButton(confirmForm));
    } else if (page.forms.has('login')) {
      if (signedIn)
        throw pageError('approveDevice', 'the issuer rejected the demo credentials', page);
      signedIn = true;
      response = await signIn(browser, page, options);
    } else if (page.forms.has('consent')) {
      response = await decide(browser, page, options.deny === true);
    } else {
      throw pageError('approveDevice', 'unexpected page', page);
    }
  }
  throw new Error(`approveDevice(): gave up after ${MAX_STEPS} pages`);
}

interface Page {
  readonly url: string;
  readonly status: number;
  readonly forms: ReadonlyMap<string, HtmlForm>;
  readonly outcome: PageOutcome | undefined;
  readonly alert: string | undefined;
}

function readPage(response: BrowserResponse): Page {
  const forms = new Map<string, HtmlForm>();
  for (const form of parseForms(response.body, response.url)) {
    if (form.id !== undefined) forms.set(form.id, form);
  }
  const outcome = /<main\b[^>]*\bdata-outcome="(success|denied|error)"/.exec(response.body)?.[1];
  const alertText = /<[a-z]+\b[^>]*\brole="alert"[^>]*>([\s\S]*?)<\/[a-z]+>/i.exec(
    response.body,
  )?.[1];
  return {
    url: response.url,
    status: response.status,
    forms,
    outcome: outcome as PageOutcome | undefined,
    alert: alertText === undefined ? undefined : textOf(alertText),
  };
}

function signIn(
  browser: Browser,
  page: Page,
  options: DemoUserAgentOptions,
): Promise<BrowserResponse> {
  const form = page.forms.get('login') as HtmlForm;
  const values = { username: options.user.username, password: options.user.password };
  return browser.submit(form, values, form.buttons[0]);
}

function decide(browser: Browser, page: Page, deny: boolean): Promise<BrowserResponse> {
  const form = page.forms.get('consent') as HtmlForm;
  const value = deny ? 'deny' : 'approve';
  const button = form.buttons.find(
    (candidate) => candidate.name === 'decision' && candidate.value === value,
  );
  if (button === undefined) throw pageError('consent', `no "${value}" button`, page);
  return browser.submit(form, {}, button);
}

/** The form's unnamed submit button (Continue), not a named one such as Abort. */
function plainButton(form: HtmlForm) {
  return form.buttons.find((button) => button.name === undefined);
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function newBrowser(options: DemoUserAgentOptions): Browser {
  return new Browser({
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

function pageError(step: string, problem: string, page: Page): Error {
  const shown = page.alert === undefined ? '' : ` (page says: ${page.alert})`;
  return new Error(
    `${step}(): ${problem} at ${new URL(page.url).pathname} [HTTP ${page.status}]${shown}`,
  );
}
