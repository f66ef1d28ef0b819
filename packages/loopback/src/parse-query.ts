import { CallbackRejectedError } from './callback-rejected-error.js';

/**
 * The longest query a callback may have, in characters. Real authorization responses (a code,
 * a state, an issuer) are far shorter; anything longer is junk.
 *
 * @internal
 */
export const MAX_QUERY_LENGTH = 4096;

/**
 * Parses a URL query (`a=1&b=2`, with or without its `?`) strictly: unlike `URLSearchParams`,
 * which keeps a broken `%zz` as it is and turns invalid UTF-8 into U+FFFD, any malformed
 * percent-encoding is refused, so a damaged code is never sent to the token endpoint.
 * Duplicates are kept, in order, for the caller to judge. Pure.
 *
 * @param search - The query, e.g. `URL#search`.
 * @returns The parameters.
 * @throws {@link CallbackRejectedError} `too_long` past {@link MAX_QUERY_LENGTH} characters,
 *   `malformed` for broken percent-encoding or invalid UTF-8.
 * @internal
 */
export function parseQuery(search: string): URLSearchParams {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query.length > MAX_QUERY_LENGTH) throw new CallbackRejectedError({ reason: 'too_long' });
  const params = new URLSearchParams();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    params.append(decode(name), decode(value));
  }
  return params;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replaceAll('+', ' '));
  } catch (error) {
    throw new CallbackRejectedError({ reason: 'malformed', cause: error });
  }
}
