export { abortable, throwIfAborted } from './abortable.js';
export type { ClientAuthentication } from './client-authentication.js';
export { type CoreError, type CoreErrorCode, isCoreError } from './core-error.js';
export { type DiscoverIssuerOptions, discoverIssuer } from './discover-issuer.js';
export {
  DiscoveryError,
  type DiscoveryErrorOptions,
  IssuerMismatchError,
  type IssuerMismatchErrorOptions,
} from './discovery-errors.js';
export { type GetJsonOptions, getJson } from './get-json.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchInit,
  type FetchLike,
  type HttpOptions,
} from './http-options.js';
export { LatchError, type LatchErrorOptions } from './latch-error.js';
export { normalizeIssuer } from './normalize-issuer.js';
export { OAuthError, type OAuthErrorDetails } from './oauth-error.js';
export {
  type JsonResponse,
  type ParseJsonResponseOptions,
  parseJsonResponse,
} from './parse-json-response.js';
export { type ParseOAuthErrorBodyOptions, parseOAuthErrorBody } from './parse-oauth-error-body.js';
export { type ParseServerMetadataOptions, parseServerMetadata } from './parse-server-metadata.js';
export { type ParseTokenResponseOptions, parseTokenResponse } from './parse-token-response.js';
export { type FormParams, type PostFormOptions, postForm } from './post-form.js';
export { type JwtClaims, readJwtClaims } from './read-jwt-claims.js';
export { type RequestTokenOptions, requestToken } from './request-token.js';
export {
  HttpStatusError,
  type HttpStatusErrorOptions,
  InvalidResponseError,
  type InvalidResponseErrorOptions,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './response-errors.js';
export {
  describeFieldProblem,
  invalidResponse,
  type ParseResponseObjectOptions,
  parseResponseObject,
} from './response-object.js';
export { parseRetryAfter } from './retry-after.js';
export {
  RevocationRefusedError,
  type RevocationRefusedErrorOptions,
} from './revocation-refused-error.js';
export { type RevokeTokenOptions, revokeToken } from './revoke-token.js';
export {
  type Clock,
  now,
  type Runtime,
  type RuntimeOptions,
  resolveRuntime,
  sleep,
  systemRuntime,
} from './runtime.js';
export {
  type AssertSecureEndpointOptions,
  assertSecureEndpoint,
  isLoopbackHost,
} from './secure-endpoint.js';
export type { AuthorizationServerMetadata } from './server-metadata.js';
export type { TokenSet, TokenType } from './token-set.js';
export {
  AbortError,
  InsecureEndpointError,
  type InsecureEndpointErrorOptions,
  NetworkError,
  TimeoutError,
  type TimeoutErrorOptions,
} from './transport-errors.js';
export { wellKnownMetadataUrls } from './well-known-urls.js';
