import type { Client, ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from './html.js';
import { alert, renderPage } from './pages.js';

/**
 * What the user-code entry page says after oidc-provider re-renders it with an error. The
 * class names are oidc-provider's `ReRenderError` subclasses.
 */
const CODE_ERRORS: Readonly<Record<string, string>> = {
  NoCodeError: 'Enter the code shown on your device.',
  NotFoundError: 'That code is not valid. Check it and try again.',
  ExpiredError: 'That code has expired. Start again on your device.',
  AlreadyUsedError: 'That code has already been used. Start again on your device.',
};

/**
 * The RFC 8628 user-code entry page (`features.deviceFlow.userCodeInputSource`). oidc-provider
 * passes its own `<form id="op.deviceInputForm">` with the anti-CSRF `xsrf` field; the submit
 * button sits outside and names the form. After a denied consent oidc-provider renders this page
 * with an `AbortedError`, which is shown as the `denied` outcome.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 */
export function userCodeInputSource(
  ctx: KoaContextWithOIDC,
  form: string,
  out?: ErrorOut,
  err?: Error,
): void {
  const button = '<button type="submit" form="op.deviceInputForm">Continue</button>';
  if (err?.name === 'AbortedError') {
    ctx.body = renderPage({
      title: 'Sign-in denied',
      outcome: 'denied',
      body: `${alert('The sign-in request was denied. You can close this page.')}
<p>To sign in another device, enter its code.</p>
${form}
${button}`,
    });
    return;
  }
  const message =
    err === undefined
      ? undefined
      : (CODE_ERRORS[err.name] ?? out?.error_description ?? 'The request could not be processed.');
  ctx.body = renderPage({
    title: 'Sign in a device',
    ...(message === undefined ? {} : { outcome: 'error' as const }),
    body: `${message === undefined ? '' : alert(message)}
<p>Enter the code shown on your device.</p>
${form}
${button}`,
  });
}

/**
 * The page that shows the user code back and asks the user to confirm it matches the device
 * (`features.deviceFlow.userCodeConfirmSource`); "Abort" denies the device right away.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-5.4 (remote phishing: show the code)
 */
export function userCodeConfirmSource(
  ctx: KoaContextWithOIDC,
  form: string,
  client: Client,
  _deviceInfo: unknown,
  userCode: string,
): void {
  const name = client.clientName ?? client.clientId;
  ctx.body = renderPage({
    title: 'Confirm the device',
    body: `<p><strong>${escapeHtml(name)}</strong> asks to sign in on a device showing this code:</p>
<p><code class="user-code">${escapeHtml(userCode)}</code></p>
<p>Continue only if your device shows the same code.</p>
${form}
<button type="submit" form="op.deviceConfirmForm" autofocus>Continue</button>
<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>`,
  });
}

/** The last page of an approved device sign-in (`features.deviceFlow.successSource`). */
export function deviceSuccessSource(ctx: KoaContextWithOIDC): void {
  const client = ctx.oidc.client;
  const name = client === undefined ? 'the device' : (client.clientName ?? client.clientId);
  ctx.body = renderPage({
    title: 'Device signed in',
    outcome: 'success',
    body: `<p>${escapeHtml(name)} is now signed in. You can close this page.</p>`,
  });
}

/**
 * oidc-provider's HTML error page (`renderError`), for errors it cannot redirect to a client,
 * such as an unknown `client_id` or `redirect_uri`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
export function renderErrorPage(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  const description = out.error_description === undefined ? '' : `: ${out.error_description}`;
  ctx.type = 'html';
  ctx.body = renderPage({
    title: 'Something went wrong',
    outcome: 'error',
    body: alert(`${out.error}${description}`),
  });
}
