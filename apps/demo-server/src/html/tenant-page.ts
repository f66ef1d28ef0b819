import { html } from 'hono/html';
import type { FlowName } from '../flows/flow-deps.js';
import { type SessionView, statusText } from '../session-view.js';
import type { ApiCallResult, ConnectionInfo } from '../tenant-tokens.js';
import type { Tenant } from '../tenants.js';
import { layout, type Markup } from './layout.js';

/** What a tenant's page shows. */
export interface TenantPageInput {
  /** The signed-in tenant. */
  readonly tenant: Tenant;
  /** The sign-in's CSRF token (for every form). */
  readonly csrf: string;
  /** The connected account, if any. */
  readonly connection: ConnectionInfo;
  /** The login in progress (or just ended), if any. */
  readonly session?: SessionView | undefined;
  /** The flow preselected in the connect form. */
  readonly flow: FlowName;
  /** The result of "Call the API", when the page answers that button. */
  readonly apiCall?: ApiCallResult | undefined;
  /** A message to show (an error). */
  readonly message?: string | undefined;
  /** The instance name. */
  readonly instance: string;
}

const FLOW_LABELS: Readonly<Record<FlowName, string>> = {
  device: 'Device code (type a code at the issuer, or scan the QR code)',
  redirect: 'Redirect (sign in at the issuer, come back here)',
  cli: 'The latch CLI (a child process runs `latch login --device`)',
};

function csrfField(csrf: string): Markup {
  return html`<input type="hidden" name="_csrf" value="${csrf}" />`;
}

function connectionBlock(input: TenantPageInput): Markup {
  const { connection, csrf } = input;
  if (!connection.connected) {
    return connection.unreadable
      ? html`<p id="connection" data-connected="false">No account connected: the stored connection could not be read (was the server secret changed?). Connect the account again.</p>`
      : html`<p id="connection" data-connected="false">No account connected.</p>`;
  }
  const api = input.apiCall;
  return html`<p id="connection" data-connected="true">Connected as <strong>${connection.who}</strong>.</p>
    <div class="row">
      <form method="post" action="/api-call">${csrfField(csrf)}<button type="submit" id="call-api">Call the API</button></form>
      <form method="post" action="/disconnect">${csrfField(csrf)}<button type="submit" id="disconnect">Disconnect</button></form>
    </div>
    ${
      api === undefined
        ? ''
        : html`<dl id="api-result" class="card">
            <dt>Token obtained for</dt><dd>${api.audience}</dd>
            <dt>Subject</dt><dd>${api.subject}</dd>
            <dt>Expires</dt><dd>${api.expiresAt === undefined ? 'unknown' : new Date(api.expiresAt * 1000).toISOString()}</dd>
            <dt>Scope</dt><dd>${api.scope ?? 'none'}</dd>
          </dl>`
    }`;
}

/**
 * The panel of a login in progress. Every part is in the markup from the start and the script
 * shows, hides and fills them as the status changes (SSE, else polling).
 *
 * @param session - The session view.
 * @param csrf - The CSRF token.
 * @returns The panel.
 */
export function sessionPanel(session: SessionView, csrf: string): Markup {
  const id = session.id;
  const shows = (status: string) => (session.status === status ? '' : 'hidden');
  const live = session.done ? '' : 'true';
  return html`<section id="session" class="card" data-session-id="${id}" data-status="${session.status}" data-live="${live}">
    <h2>Connecting with the ${session.flow} flow</h2>
    <p id="session-status" role="status">${statusText(session)}</p>
    <div id="code-block" ${shows('code-emitted')}>
      <p>Open <a id="verification-link" href="${session.verificationUrlComplete ?? session.verificationUrl ?? '#'}" target="_blank" rel="noopener noreferrer">${session.verificationUrl ?? ''}</a> and enter</p>
      <p class="code" id="user-code">${session.userCode ?? ''}</p>
      <img id="qr" alt="QR code of the verification link" width="180" height="180" src="${session.qrUrl ?? 'data:,'}" />
      <p>The code expires in <span id="countdown" data-expires-at="${String(session.expiresAt ?? '')}">…</span>.</p>
    </div>
    <div id="redirect-block" ${shows('url-available')}>
      <p><a id="auth-link" href="${session.authUrl ?? '#'}" rel="noopener noreferrer">Continue at the issuer</a></p>
      <form method="post" action="/sessions/${id}/callback" class="paste">
        ${csrfField(csrf)}
        <label>Or paste the address your browser ended on <input type="url" name="url" id="paste-url" required /></label>
        <button type="submit">Submit</button>
      </form>
    </div>
    <p id="done-block" ${session.done ? '' : 'hidden'}><a href="/" id="reload">Show the account</a></p>
    <form method="post" action="/sessions/${id}/cancel" id="cancel-form" ${session.done ? 'hidden' : ''}>
      ${csrfField(csrf)}<button type="submit" id="cancel">Cancel</button>
    </form>
  </section>`;
}

/**
 * A tenant's page: the connection's status, the login in progress, and the connect form.
 *
 * @param input - Tenant, CSRF token, connection, session, preselected flow, API result.
 * @returns The page.
 */
export function tenantPage(input: TenantPageInput): Markup {
  const { tenant, csrf } = input;
  const flows = (Object.keys(FLOW_LABELS) as FlowName[]).map(
    (flow) =>
      html`<label class="flow"><input type="radio" name="flow" value="${flow}" id="flow-${flow}" ${flow === input.flow ? 'checked' : ''} /> ${FLOW_LABELS[flow]}</label>`,
  );
  return layout(
    tenant.name,
    input.instance,
    html`<header class="row">
        <h1 id="tenant-name" data-tenant="${tenant.id}">${tenant.name}</h1>
        <form method="post" action="/logout">${csrfField(csrf)}<button type="submit" id="sign-out">Sign out</button></form>
      </header>
      ${input.message ? html`<p class="error" role="alert">${input.message}</p>` : ''}
      ${connectionBlock(input)}
      ${input.session === undefined ? '' : sessionPanel(input.session, csrf)}
      <form method="post" action="/sessions" class="card" id="connect-form">
        ${csrfField(csrf)}
        <fieldset><legend>Connect account</legend>${flows}</fieldset>
        <button type="submit" id="connect">Connect account</button>
      </form>`,
  );
}
