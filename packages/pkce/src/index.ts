export { CODE_CHALLENGE_METHOD, challenge } from './challenge.js';
export { type NewStateOptions, newState } from './state.js';
export {
  type GenerateVerifierOptions,
  generateVerifier,
  isValidVerifier,
  MAX_VERIFIER_LENGTH,
  MIN_VERIFIER_LENGTH,
} from './verifier.js';
