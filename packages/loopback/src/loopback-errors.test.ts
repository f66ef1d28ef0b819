import { LatchError } from '@latch/core';
import { describe, expect, it } from 'vitest';
import { BrowserUnavailableError } from './browser-unavailable-error.js';
import { CallbackRejectedError } from './callback-rejected-error.js';
import { LoginTimeoutError } from './login-timeout-error.js';
import type { LoopbackError } from './loopback-error.js';
import { NonceMismatchError } from './nonce-mismatch-error.js';
import { PortUnavailableError } from './port-unavailable-error.js';

const cause = new Error('SENTINEL-CAUSE-a81');
const ERRORS = [
  [new CallbackRejectedError({ reason: 'state_mismatch', cause }), 'callback_rejected'],
  [new LoginTimeoutError({ timeoutMs: 300_000, cause }), 'login_timeout'],
  [new BrowserUnavailableError({ reason: 'ssh', cause }), 'browser_unavailable'],
  [new NonceMismatchError({ idTokenPresent: true, cause }), 'nonce_mismatch'],
  [new PortUnavailableError({ host: '::1', port: 8400, cause }), 'port_unavailable'],
] as const;
const CLASSES = [
  CallbackRejectedError,
  LoginTimeoutError,
  BrowserUnavailableError,
  NonceMismatchError,
  PortUnavailableError,
];

describe('the loopback error family', () => {
  it('gives each class one code, a name, the cause, and an isInstance that matches only it', () => {
    for (const [error, code] of ERRORS) {
      expect(error.code).toBe(code);
      expect(error.name).toBe(error.constructor.name);
      expect(error.cause).toBe(cause);
      expect(LatchError.isInstance(error)).toBe(true);
      for (const Class of CLASSES) expect(Class.isInstance(error)).toBe(error instanceof Class);
    }
  });

  it('recognises an error of the same code from another installed copy', () => {
    // Another copy of the package has other classes, but the same brand and code.
    const foreign = new LatchError('login_timeout', 'from another copy');
    expect(LoginTimeoutError.isInstance(foreign)).toBe(true);
    expect(PortUnavailableError.isInstance(foreign)).toBe(false);
  });

  it('says what to do next, and keeps the cause out of JSON', () => {
    expect(ERRORS[1][0].message).toMatch(/within 300 s\. Run the login again/);
    expect(ERRORS[4][0].message).toContain('[::1]:8400');
    for (const [error] of ERRORS) expect(JSON.stringify(error)).not.toContain('SENTINEL-CAUSE');
  });

  it('narrows on code', () => {
    const describe = (error: LoopbackError): string => {
      switch (error.code) {
        case 'login_timeout':
          return `${error.timeoutMs}`;
        case 'port_unavailable':
          return `${error.port}`;
        case 'browser_unavailable':
          return error.reason;
        default:
          return error.code;
      }
    };
    expect(ERRORS.map(([error]) => describe(error))).toEqual([
      'callback_rejected',
      '300000',
      'ssh',
      'nonce_mismatch',
      '8400',
    ]);
  });
});
