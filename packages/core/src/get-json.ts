import type { HttpOptions } from './http-options.js';
import type { JsonResponse } from './parse-json-response.js';
import { sendRequest } from './send-request.js';

/**
 * Options of {@link getJson}: the shared {@link HttpOptions}.
 */
export interface GetJsonOptions extends HttpOptions {}

/**
 * GETs a JSON document (metadata, a JWKS…) with the same checks as {@link postForm}: endpoint
 * scheme checked before any socket opens, one deadline, a size cap, no redirects, content type
 * checked.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3 | RFC 8414 §3}
 * @param url - The document's URL.
 * @param options - Timeout, size cap, signal, transport, clock.
 * @returns The status, headers and parsed JSON body of a 2xx response.
 * @throws TypeError for a malformed URL or option.
 * @throws {@link InsecureEndpointError}, {@link OAuthError}, {@link HttpStatusError},
 *   {@link InvalidResponseError}, {@link ResponseTooLargeError}, {@link TimeoutError},
 *   {@link AbortError} or {@link NetworkError}.
 * @example
 * ```ts
 * const { body } = await getJson('https://as.example/.well-known/oauth-authorization-server');
 * ```
 */
export async function getJson(url: string | URL, options?: GetJsonOptions): Promise<JsonResponse> {
  return sendRequest(url, { method: 'GET', headers: {} }, options);
}
