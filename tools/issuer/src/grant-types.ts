/**
 * The device authorization grant type.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.4
 */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * The token exchange grant type.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
 */
export const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * The token type identifier of an OAuth 2.0 access token, the only `subject_token_type`,
 * `actor_token_type` and `requested_token_type` the issuer's token exchange accepts.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-3
 */
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
