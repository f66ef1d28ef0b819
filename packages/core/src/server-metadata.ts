/**
 * Authorization server metadata in the form latch hands to callers (camelCase). Only fields
 * latch packages use are lifted out and type-checked; everything the server sent is in `raw`.
 * A list the server left out has its RFC default (e.g. `grantTypesSupported` defaults to
 * `authorization_code` and `implicit`), which latch does not fill in.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-2 | RFC 8414 §2}
 * @see {@link https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata | OpenID Connect Discovery 1.0 §3}
 */
export interface AuthorizationServerMetadata {
  /**
   * The `issuer`, exactly as the document spells it (RFC 9207 compares the `iss` authorization
   * response parameter against it by simple string comparison). It normalises to the issuer
   * that was asked for.
   */
  readonly issuer: string;
  /** `token_endpoint`. */
  readonly tokenEndpoint: string;
  /** `authorization_endpoint`. */
  readonly authorizationEndpoint?: string;
  /** `device_authorization_endpoint` (RFC 8628 §4). */
  readonly deviceAuthorizationEndpoint?: string;
  /** `revocation_endpoint` (RFC 7009). */
  readonly revocationEndpoint?: string;
  /** `introspection_endpoint` (RFC 7662). */
  readonly introspectionEndpoint?: string;
  /** `userinfo_endpoint` (OpenID Connect). */
  readonly userinfoEndpoint?: string;
  /** `jwks_uri`. */
  readonly jwksUri?: string;
  /** `registration_endpoint` (RFC 7591). */
  readonly registrationEndpoint?: string;
  /** `pushed_authorization_request_endpoint` (RFC 9126). */
  readonly pushedAuthorizationRequestEndpoint?: string;
  /** `end_session_endpoint` (OpenID Connect RP-Initiated Logout). */
  readonly endSessionEndpoint?: string;
  /** `grant_types_supported`. */
  readonly grantTypesSupported?: readonly string[];
  /** `response_types_supported`. */
  readonly responseTypesSupported?: readonly string[];
  /** `response_modes_supported`. */
  readonly responseModesSupported?: readonly string[];
  /** `scopes_supported`. */
  readonly scopesSupported?: readonly string[];
  /** `code_challenge_methods_supported` (RFC 7636). */
  readonly codeChallengeMethodsSupported?: readonly string[];
  /** `token_endpoint_auth_methods_supported`. */
  readonly tokenEndpointAuthMethodsSupported?: readonly string[];
  /** `revocation_endpoint_auth_methods_supported`. */
  readonly revocationEndpointAuthMethodsSupported?: readonly string[];
  /** `dpop_signing_alg_values_supported` (RFC 9449). */
  readonly dpopSigningAlgValuesSupported?: readonly string[];
  /** `authorization_response_iss_parameter_supported` (RFC 9207). */
  readonly authorizationResponseIssParameterSupported?: boolean;
  /** `require_pushed_authorization_requests` (RFC 9126). */
  readonly requirePushedAuthorizationRequests?: boolean;
  /** The whole document as the server sent it. */
  readonly raw: Readonly<Record<string, unknown>>;
}
