/**
 * The `grant_type` of a token exchange request.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-2.1 | RFC 8693 §2.1}
 */
export const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * Token type identifier of an OAuth 2.0 access token (for `subjectTokenType`,
 * `actorTokenType`, `requestedTokenType`, and `issuedTokenType` in the answer).
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

/**
 * Token type identifier of an OAuth 2.0 refresh token.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_REFRESH_TOKEN = 'urn:ietf:params:oauth:token-type:refresh_token';

/**
 * Token type identifier of an OpenID Connect ID Token.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';

/**
 * Token type identifier of a base64url-encoded SAML 1.1 assertion.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_SAML1 = 'urn:ietf:params:oauth:token-type:saml1';

/**
 * Token type identifier of a base64url-encoded SAML 2.0 assertion.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_SAML2 = 'urn:ietf:params:oauth:token-type:saml2';

/**
 * Token type identifier of a JWT (RFC 7519) that is not more precisely an access or ID token.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8693#section-3 | RFC 8693 §3}
 */
export const TOKEN_TYPE_JWT = 'urn:ietf:params:oauth:token-type:jwt';
