export type { TokenExchangeRequest } from './build-token-exchange-params.js';
export {
  type ExchangedTokenSet,
  type ExchangeTokenOptions,
  exchangeToken,
} from './exchange-token.js';
export {
  InvalidTargetError,
  type InvalidTargetErrorOptions,
  type StsExchangeError,
} from './invalid-target-error.js';
export {
  TOKEN_EXCHANGE_GRANT_TYPE,
  TOKEN_TYPE_ACCESS_TOKEN,
  TOKEN_TYPE_ID_TOKEN,
  TOKEN_TYPE_JWT,
  TOKEN_TYPE_REFRESH_TOKEN,
  TOKEN_TYPE_SAML1,
  TOKEN_TYPE_SAML2,
} from './token-types.js';
