/**
 * How the client identifies itself at the token endpoint.
 *
 * A public client (a CLI, RFC 8252) gives only `clientId`, sent as `client_id` in the body. A
 * confidential client adds `clientSecret`, sent with HTTP Basic (`client_secret_basic`, the
 * default) or in the body (`client_secret_post`).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1 | RFC 6749 §2.3.1}
 */
export interface ClientAuthentication {
  /** The `client_id`. */
  readonly clientId: string;
  /** The client secret of a confidential client. Default: none (a public client). */
  readonly clientSecret?: string | undefined;
  /** Where the secret goes. Default: `'client_secret_basic'`. */
  readonly method?: 'client_secret_basic' | 'client_secret_post' | undefined;
}

/**
 * Adds client authentication to a form and its headers. Pure.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1 | RFC 6749 §2.3.1}
 * @param form - The form to add `client_id` (and for `client_secret_post` the secret) to.
 * @param client - The client's credentials.
 * @returns Headers to send (`authorization` for `client_secret_basic`).
 * @throws TypeError when `clientId` is empty or a given secret is not a non-empty string.
 * @internal
 */
export function applyClientAuthentication(
  form: URLSearchParams,
  client: ClientAuthentication,
): Record<string, string> {
  if (typeof client?.clientId !== 'string' || client.clientId.length === 0) {
    throw new TypeError('options.client.clientId must be a non-empty string');
  }
  const secret = client.clientSecret;
  if (secret === undefined) {
    form.set('client_id', client.clientId);
    return {};
  }
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('options.client.clientSecret must be a non-empty string when given');
  }
  const method = client.method ?? 'client_secret_basic';
  if (method === 'client_secret_post') {
    form.set('client_id', client.clientId);
    form.set('client_secret', secret);
    return {};
  }
  if (method !== 'client_secret_basic') {
    throw new TypeError('options.client.method must be client_secret_basic or client_secret_post');
  }
  // §2.3.1: both parts are form-urlencoded (so plain ASCII) before being joined and base64-encoded.
  const credentials = `${formEncode(client.clientId)}:${formEncode(secret)}`;
  form.delete('client_id');
  return { authorization: `Basic ${btoa(credentials)}` };
}

function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}
