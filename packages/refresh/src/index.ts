export {
  type RefreshError,
  RefreshTokenRejectedError,
  type RefreshTokenRejectedErrorOptions,
} from './refresh-token-rejected-error.js';
export { type RefreshTokensOptions, refreshTokens } from './refresh-tokens.js';
