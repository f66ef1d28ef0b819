export { defaultCliPath } from './cli-path.js';
export {
  createServer,
  type DemoServer,
} from './create-server.js';
export {
  CLI_SESSION_ENV,
  LATCH_CLI_PATTERNS,
} from './flows/cli-flow.js';
export { FLOWS, type FlowName, type LoginPendingData } from './flows/flow-deps.js';
export { CALLBACK_PATH } from './flows/redirect-flow.js';
export type { RateLimitOptions } from './rate-limit.js';
export { ALLOWED_NEXT_PATHS, safeNextPath } from './safe-next.js';
export {
  checkServerOptions,
  DEFAULT_CLIENT_ID,
  DEFAULT_SCOPE,
  type DemoServerOptions,
} from './server-options.js';
export type { SessionView } from './session-view.js';
export type { ApiCallResult, ConnectionInfo } from './tenant-tokens.js';
export { DEMO_TENANTS, type Tenant } from './tenants.js';
