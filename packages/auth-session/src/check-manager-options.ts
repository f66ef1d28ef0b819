import type { DriverFactory } from './driver.js';
import {
  type AuthSessionManagerOptions,
  DEFAULT_FINISHED_TTL_MS,
  DEFAULT_MAX_TRANSCRIPT_LINES,
  DEFAULT_SESSION_TIMEOUT_MS,
  positiveInteger,
  type StartOptions,
} from './manager-options.js';
import { MemorySessionStore } from './memory-session-store.js';
import type { SessionEngineSettings } from './session-engine.js';
import { newId } from './session-id.js';
import { systemNow, systemRandomBytes, systemSleep } from './system.js';
import { UnknownProviderError } from './unknown-provider-error.js';

/**
 * Checks the shape of {@link AuthSessionManagerOptions} (the numbers are checked where read).
 *
 * @param options - The options.
 * @throws TypeError for a missing registry, a registry entry that is not a function, or a
 *   seam that is not a function.
 * @internal
 */
export function checkManagerOptions(options: AuthSessionManagerOptions): void {
  const providers = options?.providers;
  if (typeof providers !== 'object' || providers === null) {
    throw new TypeError('AuthSessionManager: options.providers must be an object or a Map');
  }
  const entries = providers instanceof Map ? [...providers.entries()] : Object.entries(providers);
  for (const [id, factory] of entries) {
    if (typeof factory !== 'function') {
      throw new TypeError(
        `AuthSessionManager: options.providers["${id}"] must be a driver factory`,
      );
    }
  }
  for (const seam of ['now', 'sleep', 'randomBytes', 'redact', 'onError'] as const) {
    if (options[seam] !== undefined && typeof options[seam] !== 'function') {
      throw new TypeError(`AuthSessionManager: options.${seam} must be a function`);
    }
  }
  const store = options.store;
  if (
    store !== undefined &&
    (typeof store !== 'object' || store === null || typeof store.update !== 'function')
  ) {
    throw new TypeError('AuthSessionManager: options.store must be a SessionStateStore');
  }
  const instanceId = options.instanceId;
  if (instanceId !== undefined && (typeof instanceId !== 'string' || instanceId.length === 0)) {
    throw new TypeError('AuthSessionManager: options.instanceId must be a non-empty string');
  }
}

/**
 * Finds a provider's driver factory in the registry (own keys only, never the prototype's).
 *
 * @throws {@link UnknownProviderError} when it is not there.
 * @internal
 */
export function lookupProvider(
  providers: AuthSessionManagerOptions['providers'],
  providerId: string,
): DriverFactory {
  const factory =
    providers instanceof Map
      ? providers.get(providerId)
      : Object.hasOwn(providers, providerId)
        ? (providers as Readonly<Record<string, DriverFactory>>)[providerId]
        : undefined;
  if (typeof factory !== 'function') throw new UnknownProviderError({ providerId });
  return factory;
}

/**
 * Checks a non-empty string argument of a manager method.
 *
 * @throws TypeError otherwise.
 * @internal
 */
export function checkId(value: unknown, method: string, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`AuthSessionManager.${method}: ${name} must be a non-empty string`);
  }
}

/**
 * Checks the arguments of `start`.
 *
 * @throws TypeError for an empty provider id or bundle id, or a hook that is not a function.
 * @internal
 */
export function checkStartOptions(providerId: unknown, options: StartOptions): void {
  checkId(providerId, 'start', 'providerId');
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('AuthSessionManager.start: options must be an object');
  }
  if (options.intoBundleId !== undefined) {
    checkId(options.intoBundleId, 'start', 'options.intoBundleId');
  }
  for (const name of ['prompt', 'fallback'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`AuthSessionManager.start: options.${name} must be a function`);
    }
  }
}

/** The manager's options, checked, with the defaults filled in. @internal */
export interface ManagerSettings extends SessionEngineSettings {
  readonly randomBytes: (size: number) => Uint8Array;
  readonly timeoutMs: number;
}

/**
 * Checks {@link AuthSessionManagerOptions} and fills in the defaults.
 *
 * @throws TypeError for bad options.
 * @internal
 */
export function resolveManagerSettings(options: AuthSessionManagerOptions): ManagerSettings {
  checkManagerOptions(options);
  const now = options.now ?? systemNow;
  const randomBytes = options.randomBytes ?? systemRandomBytes;
  return {
    now,
    randomBytes,
    sleep: options.sleep ?? systemSleep,
    store: options.store ?? new MemorySessionStore({ now }),
    instanceId: options.instanceId ?? newId('inst-', randomBytes),
    onError: options.onError ?? (() => {}),
    redact: options.redact,
    timeoutMs: positiveInteger(options.timeoutMs, 'timeoutMs', DEFAULT_SESSION_TIMEOUT_MS),
    finishedTtlMs: positiveInteger(options.finishedTtlMs, 'finishedTtlMs', DEFAULT_FINISHED_TTL_MS),
    maxTranscriptLines: positiveInteger(
      options.maxTranscriptLines,
      'maxTranscriptLines',
      DEFAULT_MAX_TRANSCRIPT_LINES,
    ),
  };
}
