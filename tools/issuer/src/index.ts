export {
  CLIENT_ID,
  CLIENT_REDIRECT_URIS,
  isServerRedirectUri,
  SERVER_CLIENT_ID,
  SERVER_REDIRECT_URI_PATTERN,
} from './client.js';
export type { DemoLoginOptions, DemoLoginTokens } from './demo-login.js';
export { DEMO_USER, type DemoUser } from './demo-user.js';
export type { GrantCounter } from './grant-counter.js';
export {
  ACCESS_TOKEN_TYPE,
  DEVICE_CODE_GRANT_TYPE,
  TOKEN_EXCHANGE_GRANT_TYPE,
} from './grant-types.js';
export { DEFAULT_TTL, type TtlSettings, type TtlUpdate } from './lifetimes.js';
export { type IssuerResources, RESOURCE_SCOPES } from './resources.js';
export {
  type DemoUserActionOptions,
  type Issuer,
  type IssuerOptions,
  startIssuer,
} from './start-issuer.js';
