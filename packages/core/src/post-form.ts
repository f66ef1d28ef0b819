import { applyClientAuthentication, type ClientAuthentication } from './client-authentication.js';
import type { HttpOptions } from './http-options.js';
import type { JsonResponse } from './parse-json-response.js';
import { sendRequest } from './send-request.js';

/**
 * Form parameters: each value a string, a list of strings (repeated parameter, e.g.
 * `resource`), or `undefined` (left out, handy for optional parameters).
 */
export type FormParams =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Options of {@link postForm}.
 */
export interface PostFormOptions extends HttpOptions {
  /**
   * The client's identity: `client_id` in the body for a public client, HTTP Basic for a
   * confidential one. Default: none (put `client_id` in `params` yourself if needed).
   */
  readonly client?: ClientAuthentication | undefined;
  /**
   * Do not read a 2xx body (`body` is then `undefined`), for endpoints such as RFC 7009
   * revocation. Default: `false`.
   */
  readonly ignoreSuccessBody?: boolean | undefined;
}

/**
 * POSTs an `application/x-www-form-urlencoded` form to an OAuth endpoint and reads its JSON
 * answer. Every latch grant (device, code, refresh, token exchange) sends through this.
 *
 * Before any socket opens, the URL must be `https:` (or `http:` on a loopback host, or
 * `allowInsecureHttp`). The whole exchange has one deadline (`timeoutMs`), the body a size
 * cap; redirects are not followed; `Accept: application/json` is sent.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-3.2 | RFC 6749 §3.2}
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.2 | RFC 6749 §5.2}
 * @param url - The endpoint, e.g. the token or device authorization endpoint.
 * @param params - The form parameters.
 * @param options - Client authentication, timeout, size cap, signal, transport, clock.
 * @returns The status, headers and parsed JSON body of a 2xx response.
 * @throws TypeError for a malformed URL, parameter or option.
 * @throws {@link InsecureEndpointError}, {@link OAuthError}, {@link HttpStatusError},
 *   {@link InvalidResponseError}, {@link ResponseTooLargeError}, {@link TimeoutError},
 *   {@link AbortError} or {@link NetworkError}.
 * @example
 * ```ts
 * const { body } = await postForm(metadata.deviceAuthorizationEndpoint, {
 *   client_id: 'my-cli',
 *   scope: 'openid offline_access',
 * });
 * ```
 */
export async function postForm(
  url: string | URL,
  params: FormParams,
  options?: PostFormOptions,
): Promise<JsonResponse> {
  const form = buildForm(params);
  const authHeaders = options?.client ? applyClientAuthentication(form, options.client) : {};
  return sendRequest(
    url,
    {
      method: 'POST',
      headers: { ...authHeaders, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      ignoreSuccessBody: options?.ignoreSuccessBody,
    },
    options,
  );
}

function buildForm(params: FormParams): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError('postForm: params must be an object of strings or a URLSearchParams');
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values: readonly unknown[] = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(values) || values.some((item) => typeof item !== 'string')) {
      throw new TypeError(`postForm: parameter ${name} must be a string or a list of strings`);
    }
    for (const item of values as readonly string[]) form.append(name, item);
  }
  return form;
}
