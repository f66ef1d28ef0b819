import { html } from 'hono/html';
import type { Tenant } from '../tenants.js';
import { layout, type Markup } from './layout.js';

/** What the sign-in page shows. */
export interface SignInPageInput {
  /** The tenants to pick from. */
  readonly tenants: readonly Tenant[];
  /** Show the demo passwords (the demo only). */
  readonly showPasswords: boolean;
  /** Where to go after signing in (an allow-listed path). */
  readonly next: string;
  /** A message (a failed attempt). */
  readonly message?: string | undefined;
  /** The instance name. */
  readonly instance: string;
}

/**
 * The sign-in page: pick a tenant, type its password.
 *
 * @param input - Tenants, demo mode, `next`, message, instance.
 * @returns The page.
 */
export function signInPage(input: SignInPageInput): Markup {
  const options = input.tenants.map((t) => html`<option value="${t.id}">${t.name}</option>`);
  const hints = input.showPasswords
    ? html`<section class="hint">
        <h2>Demo tenants</h2>
        <ul>
          ${input.tenants.map((t) => html`<li><code>${t.id}</code>: password <code>${t.password}</code></li>`)}
        </ul>
      </section>`
    : '';
  return layout(
    'Sign in',
    input.instance,
    html`<h1>Sign in to your organisation</h1>
      ${input.message ? html`<p class="error" role="alert">${input.message}</p>` : ''}
      <form method="post" action="/login" class="card">
        <input type="hidden" name="next" value="${input.next}" />
        <label>Tenant <select name="tenant" id="tenant">${options}</select></label>
        <label>Password <input type="password" name="password" id="password" autocomplete="current-password" required /></label>
        <button type="submit" id="sign-in">Sign in</button>
      </form>
      ${hints}`,
  );
}
