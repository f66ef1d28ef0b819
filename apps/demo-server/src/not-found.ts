import { CALLBACK_NOT_FOUND } from '@latch/oob';

/**
 * The one "not found" answer of the app: `@latch/oob`'s callback 404 (status, headers and
 * body), used for unknown routes and for every unknown, expired, finished or other tenant's
 * session or pending id alike, so a probe learns nothing from it.
 *
 * @param securityHeaders - Headers to add: the security headers, where the server has not
 *   written them (see `writesOwnSecurityHeaders`).
 * @returns A fresh 404 response.
 */
export function notFoundResponse(securityHeaders?: Readonly<Record<string, string>>): Response {
  return new Response(CALLBACK_NOT_FOUND.body, {
    status: CALLBACK_NOT_FOUND.status,
    headers: { ...securityHeaders, ...CALLBACK_NOT_FOUND.headers },
  });
}
