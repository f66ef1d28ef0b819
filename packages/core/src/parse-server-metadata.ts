import { IssuerMismatchError } from './discovery-errors.js';
import { normalizeIssuer } from './normalize-issuer.js';
import { InvalidResponseError } from './response-errors.js';
import { assertSecureEndpoint } from './secure-endpoint.js';
import type { AuthorizationServerMetadata } from './server-metadata.js';
import { describeJsonType, sanitizeServerText } from './server-text.js';
import { InsecureEndpointError } from './transport-errors.js';

/**
 * Options of {@link parseServerMetadata}.
 */
export interface ParseServerMetadataOptions {
  /** Accept plain `http:` endpoint URLs on non-loopback hosts. Default: `false`. */
  readonly allowInsecureHttp?: boolean | undefined;
}

const ENDPOINTS = {
  tokenEndpoint: 'token_endpoint',
  authorizationEndpoint: 'authorization_endpoint',
  deviceAuthorizationEndpoint: 'device_authorization_endpoint',
  revocationEndpoint: 'revocation_endpoint',
  introspectionEndpoint: 'introspection_endpoint',
  userinfoEndpoint: 'userinfo_endpoint',
  jwksUri: 'jwks_uri',
  registrationEndpoint: 'registration_endpoint',
  pushedAuthorizationRequestEndpoint: 'pushed_authorization_request_endpoint',
  endSessionEndpoint: 'end_session_endpoint',
} as const;

const LISTS = {
  grantTypesSupported: 'grant_types_supported',
  responseTypesSupported: 'response_types_supported',
  responseModesSupported: 'response_modes_supported',
  scopesSupported: 'scopes_supported',
  codeChallengeMethodsSupported: 'code_challenge_methods_supported',
  tokenEndpointAuthMethodsSupported: 'token_endpoint_auth_methods_supported',
  revocationEndpointAuthMethodsSupported: 'revocation_endpoint_auth_methods_supported',
  dpopSigningAlgValuesSupported: 'dpop_signing_alg_values_supported',
} as const;

const FLAGS = {
  authorizationResponseIssParameterSupported: 'authorization_response_iss_parameter_supported',
  requirePushedAuthorizationRequests: 'require_pushed_authorization_requests',
} as const;

/**
 * Checks an authorization server metadata document and turns it into
 * {@link AuthorizationServerMetadata}. Pure.
 *
 * The document must be a JSON object whose `issuer` normalises to `expectedIssuer`
 * (RFC 8414 §3.3); `token_endpoint` is required (latch uses no implicit grant); every endpoint
 * must be an absolute `https:` URL (`http:` only on loopback hosts or with
 * `allowInsecureHttp`); lists must be arrays of strings and flags booleans.
 *
 * @see {@link https://www.rfc-editor.org/rfc/rfc8414#section-3.3 | RFC 8414 §3.3}
 * @param body - The parsed JSON document.
 * @param expectedIssuer - The issuer the document was fetched for.
 * @param options - Whether plain `http:` endpoints are acceptable.
 * @returns The metadata.
 * @throws TypeError when `expectedIssuer` is not a valid issuer identifier.
 * @throws {@link IssuerMismatchError} when the document names another issuer.
 * @throws {@link InsecureEndpointError} for an endpoint that is not `https:`.
 * @throws {@link InvalidResponseError} for any other problem with the document.
 * @example
 * ```ts
 * const { body } = await getJson(url);
 * const metadata = parseServerMetadata(body, 'https://as.example');
 * ```
 */
export function parseServerMetadata(
  body: unknown,
  expectedIssuer: string | URL,
  options?: ParseServerMetadataOptions,
): AuthorizationServerMetadata {
  const expected = normalizeIssuer(expectedIssuer);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`the document is ${describeJsonType(body)}, expected a JSON object`);
  }
  const doc = body as Readonly<Record<string, unknown>>;
  const issuer = doc.issuer;
  if (typeof issuer !== 'string' || issuer.length === 0) {
    throw invalid(`field issuer is ${describeJsonType(issuer)}, expected a URL`, 'issuer');
  }
  let actual: string;
  try {
    actual = normalizeIssuer(issuer);
  } catch {
    actual = issuer;
  }
  if (actual !== expected) {
    const named = sanitizeServerText(actual, 200);
    throw new IssuerMismatchError(
      `The metadata document is for issuer "${named}", not ${expected}. Latch will not use it; check the issuer URL you configured.`,
      { expected, actual: named },
    );
  }
  const metadata: Record<string, unknown> = { issuer };
  for (const [key, wire] of Object.entries(ENDPOINTS)) {
    const value = doc[wire];
    if (value === undefined || value === null) continue;
    metadata[key] = checkEndpoint(wire, value, options);
  }
  if (metadata.tokenEndpoint === undefined) {
    throw invalid('field token_endpoint is missing', 'token_endpoint');
  }
  for (const [key, wire] of Object.entries(LISTS)) {
    const value = doc[wire];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw invalid(
        `field ${wire} is ${describeJsonType(value)}, expected an array of strings`,
        wire,
      );
    }
    metadata[key] = Object.freeze([...value]);
  }
  for (const [key, wire] of Object.entries(FLAGS)) {
    const value = doc[wire];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') {
      throw invalid(`field ${wire} is ${describeJsonType(value)}, expected a boolean`, wire);
    }
    metadata[key] = value;
  }
  metadata.raw = doc;
  return metadata as unknown as AuthorizationServerMetadata;
}

function checkEndpoint(wire: string, value: unknown, options?: ParseServerMetadataOptions): string {
  if (typeof value !== 'string') {
    throw invalid(`field ${wire} is ${describeJsonType(value)}, expected a URL`, wire);
  }
  try {
    return assertSecureEndpoint(value, options).href;
  } catch (error) {
    if (InsecureEndpointError.isInstance(error)) {
      throw new InsecureEndpointError(
        `The metadata field ${wire} (${error.url}) is not an https: URL; latch will not send requests to it. Ask the server's operator to publish https: endpoints.`,
        { url: error.url, cause: error },
      );
    }
    throw invalid(`field ${wire} is not a usable absolute URL`, wire);
  }
}

function invalid(problem: string, field?: string): InvalidResponseError {
  return new InvalidResponseError(
    `The authorization server metadata is invalid: ${problem}. Report it to the server's operator.`,
    { field },
  );
}
