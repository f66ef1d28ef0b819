import { escapeHtml } from './html.js';

/**
 * How a page ended the user's task, written as `<main data-outcome="…">` so a headless driver
 * (and a test) can tell the pages apart without reading prose.
 */
export type PageOutcome = 'success' | 'denied' | 'error';

/** The parts of an issuer page; `body` is trusted HTML, everything else is escaped. */
export interface PageParts {
  readonly title: string;
  readonly body: string;
  readonly outcome?: PageOutcome;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:26rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;font-weight:500}label{display:block;margin:.75rem 0}
input[type=text],input[type=password]{display:block;width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
button{font:inherit;padding:.5rem 1rem;margin:.75rem .5rem 0 0;cursor:pointer}
.error{color:#b00020}.user-code{font-size:1.4rem;letter-spacing:.1em}ul{padding-left:1.25rem}`;

/**
 * Wraps a page body in the issuer's minimal HTML document (no scripts, no external assets:
 * the issuer runs without network access).
 */
export function renderPage({ title, body, outcome }: PageParts): string {
  const outcomeAttribute = outcome === undefined ? '' : ` data-outcome="${outcome}"`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main${outcomeAttribute}>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** A message the user must notice, marked `role="alert"`. Escapes `message`. */
export function alert(message: string): string {
  return `<p class="error" role="alert">${escapeHtml(message)}</p>`;
}

/** What the login page shows. */
export interface LoginPageInput {
  /** The interaction id; the form posts to `/interaction/<uid>/login`. */
  readonly uid: string;
  /** The anti-CSRF token for the hidden field. */
  readonly csrf: string;
  /** The requesting client's display name. */
  readonly clientName: string;
  /** The username to pre-fill after a failed attempt. */
  readonly username?: string;
  /** Why the last attempt failed. */
  readonly error?: string;
}

/** The issuer's sign-in form (username and password of the demo user). */
export function renderLoginPage(input: LoginPageInput): string {
  const action = `/interaction/${encodeURIComponent(input.uid)}/login`;
  return renderPage({
    title: 'Sign in',
    body: `<p>to continue to <strong>${escapeHtml(input.clientName)}</strong></p>
${input.error === undefined ? '' : alert(input.error)}
<form id="login" method="post" action="${escapeHtml(action)}" autocomplete="off">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<label>Username <input type="text" name="username" value="${escapeHtml(input.username ?? '')}" required autofocus></label>
<label>Password <input type="password" name="password" required></label>
<button type="submit">Sign in</button>
</form>`,
  });
}

/** What the consent page asks the user to approve. */
export interface ConsentPageInput {
  readonly uid: string;
  readonly csrf: string;
  readonly clientName: string;
  /** OpenID Connect scopes not yet granted (`openid`, `profile`, …). */
  readonly scopes: readonly string[];
  /** OpenID Connect claims not yet granted. */
  readonly claims: readonly string[];
  /** Resource indicator → scopes not yet granted for it. */
  readonly resourceScopes: Readonly<Record<string, readonly string[]>>;
}

/** The consent page: what the client asks for, with Approve and Deny buttons. */
export function renderConsentPage(input: ConsentPageInput): string {
  const action = `/interaction/${encodeURIComponent(input.uid)}/consent`;
  const items: string[] = [];
  if (input.scopes.length > 0) items.push(`Scopes: ${list(input.scopes)}`);
  if (input.claims.length > 0) items.push(`Claims: ${list(input.claims)}`);
  for (const [resource, scopes] of Object.entries(input.resourceScopes)) {
    items.push(`Access to <code>${escapeHtml(resource)}</code>: ${list(scopes)}`);
  }
  const requested =
    items.length === 0 ? '' : `<ul>${items.map((item) => `<li>${item}</li>`).join('\n')}</ul>`;
  return renderPage({
    title: 'Authorize access',
    body: `<p><strong>${escapeHtml(input.clientName)}</strong> asks to act on your behalf.</p>
${requested}
<form id="consent" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<button type="submit" name="decision" value="approve" autofocus>Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  });
}

function list(values: readonly string[]): string {
  return values.map((value) => `<code>${escapeHtml(value)}</code>`).join(', ');
}
