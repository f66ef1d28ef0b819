export {
  type AuthSessionError,
  type AuthSessionErrorCode,
  isAuthSessionError,
} from './auth-session-error.js';
export { AuthSessionManager } from './auth-session-manager.js';
export {
  type AuthSessionStatus,
  type CodeEmittedStatus,
  type FailedStatus,
  isTerminalStatus,
  type PendingStatus,
  type PollResult,
  type SuccessStatus,
  type UrlAvailableStatus,
} from './auth-session-status.js';
export { type BrowserLoginDriverOptions, browserLoginDriver } from './browser-login-driver.js';
export {
  type ChildProcessDriverOptions,
  type ConfirmedLogin,
  type ConfirmLoginContext,
  childProcessDriver,
  DEFAULT_KILL_GRACE_MS,
} from './child-process-driver.js';
export { type DeviceLoginDriverOptions, deviceLoginDriver } from './device-login-driver.js';
export type { AuthDriver, DriverContext, DriverFactory, SessionReporter } from './driver.js';
export {
  type AuthSessionManagerOptions,
  DEFAULT_FINISHED_TTL_MS,
  DEFAULT_MAX_TRANSCRIPT_LINES,
  DEFAULT_SESSION_TIMEOUT_MS,
  type ManualInstructions,
  type PromptContext,
  type SessionListener,
  type StartOptions,
} from './manager-options.js';
export { MemorySessionStore, type MemorySessionStoreOptions } from './memory-session-store.js';
export { cleanOutputLine, MAX_LINE_LENGTH } from './output-line.js';
export {
  GENERIC_PATTERNS,
  matchOutputLine,
  type OutputLineMatch,
  type ProviderPatterns,
} from './output-patterns.js';
export {
  decidePromptOutcome,
  type PromptOutcome,
  type RunFlowWithPromptOptions,
  runFlowWithPrompt,
} from './prompt-beside-flow.js';
export { PromptDeclinedError, PromptUnavailableError } from './prompt-errors.js';
export { REDACTED, redactSecrets } from './redact-secrets.js';
export {
  newSessionRecord,
  type ReduceSessionOptions,
  reduceSession,
  timeoutEvent,
  toPollResult,
} from './reduce-session.js';
export {
  SessionConflictError,
  type SessionConflictErrorOptions,
} from './session-conflict-error.js';
export type { SessionEvent, SessionRecord, UserCodeReport } from './session-record.js';
export type {
  SessionChange,
  SessionCommand,
  SessionStateStore,
  SessionWrite,
  StoreUnsubscribe,
} from './session-store.js';
export type { TokenSink, TokenSinkContext } from './token-sink.js';
export {
  UnknownProviderError,
  type UnknownProviderErrorOptions,
} from './unknown-provider-error.js';
