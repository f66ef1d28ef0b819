import { type AuthorizationServerMetadata, abortable, discoverIssuer } from '@latch/core';

/**
 * The issuer's metadata (RFC 8414), discovered once and shared; a failed discovery is
 * retried on the next call instead of being cached.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3 | RFC 8414 §3}
 * @param issuer - The issuer identifier.
 * @returns A function that resolves the metadata.
 */
export function issuerMetadata(
  issuer: string,
): (signal?: AbortSignal) => Promise<AuthorizationServerMetadata> {
  let cached: Promise<AuthorizationServerMetadata> | undefined;
  return (signal) => {
    if (cached === undefined) {
      // Shared by every caller, so no one caller's signal may stop it: each stops only its own
      // wait (below).
      const attempt = discoverIssuer(issuer);
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return abortable(cached, signal);
  };
}
