/**
 * A successful authorization response that passed every check (RFC 6749 §4.1.2): the
 * authorization code to redeem, with the `state` and RFC 9207 `iss` it came with. The code is a
 * secret: latch never puts it in an error, a log or a page.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2 | RFC 6749 §4.1.2}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2 | RFC 9207 §2}
 */
export interface Callback {
  /** The `code` to redeem with {@link exchangeCode}. */
  readonly code: string;
  /** The `state`, equal to the one this login sent. */
  readonly state: string;
  /** The `iss` the authorization server named, when it sent one. */
  readonly iss?: string;
}

/**
 * What a callback must match to count as the answer to this login.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc6749#section-10.12 | RFC 6749 §10.12}
 * @see {@link https://www.rfc-editor.org/rfc/rfc9207#section-2.4 | RFC 9207 §2.4}
 */
export interface ExpectedCallback {
  /** The `state` this login sent; the callback's must be identical. */
  readonly state: string;
  /**
   * The issuer identifier exactly as its metadata spells it. A callback's `iss`, whenever it
   * has one, must equal it (simple string comparison). Default: none (`iss` is not compared;
   * then `issRequired` must not be set).
   */
  readonly expectedIssuer?: string | undefined;
  /**
   * Require `iss` on every callback, as RFC 9207 §2.4 asks when the issuer's metadata has
   * `authorization_response_iss_parameter_supported: true`. Default: `false`.
   */
  readonly issRequired?: boolean | undefined;
}
