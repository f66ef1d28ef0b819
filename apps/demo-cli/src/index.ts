export { type E2eLoginResult, type Print, runE2eLogin } from './e2e-login.js';
