/**
 * The token types latch accepts in a token response: `Bearer` (RFC 6750), and `N_A` for
 * RFC 8693 tokens that are not access tokens, when the caller allows it.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-7.1 | RFC 6749 §7.1}
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.2.1 | RFC 8693 §2.2.1}
 */
export type TokenType = 'Bearer' | 'N_A';

/**
 * The tokens from one successful token response, in the form latch hands to callers and
 * stores: camelCase, with the lifetime turned into an absolute time. A plain object, so
 * `JSON.stringify` and `JSON.parse` round-trip it.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-5.1 | RFC 6749 §5.1}
 * @example
 * ```ts
 * const expired = tokens.expiresAt !== undefined && tokens.expiresAt <= Date.now();
 * ```
 */
export interface TokenSet {
  /** The `access_token` (for RFC 8693, the issued token whatever its type). */
  readonly accessToken: string;
  /** The `token_type`, normalised: `Bearer` whatever its case on the wire, or `N_A`. */
  readonly tokenType: TokenType;
  /**
   * When the access token expires, in epoch milliseconds: the time the request was sent plus
   * `expires_in` seconds. Absent when the server sent no `expires_in`.
   */
  readonly expiresAt?: number;
  /** The `refresh_token`, when one was issued. */
  readonly refreshToken?: string;
  /** The granted `scope` (space-separated), when the server stated it. */
  readonly scope?: string;
  /** The OpenID Connect `id_token`, unverified, when one was issued. */
  readonly idToken?: string;
  /** The RFC 8693 `issued_token_type` URI, when the server sent one. */
  readonly issuedTokenType?: string;
}
