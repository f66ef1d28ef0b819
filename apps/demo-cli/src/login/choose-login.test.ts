import { describe, expect, it } from 'vitest';
import { type BrowserVerdict, chooseLogin } from './choose-login.js';

const likely = (): BrowserVerdict => ({ likely: true });
const unlikely = (): BrowserVerdict => ({
  likely: false,
  reason: 'ssh',
  message: 'This is an SSH session.',
});
const never = (): BrowserVerdict => {
  throw new Error('the browser check should not run');
};

describe('chooseLogin', () => {
  it('takes the browser by default when one is likely to work, falling back if need be', () => {
    expect(chooseLogin({ method: 'auto', noBrowser: false }, likely)).toEqual({
      flow: 'browser',
      browser: 'auto',
      canFallBack: true,
    });
  });

  it('takes the device code by default when no browser is likely, and says why', () => {
    expect(chooseLogin({ method: 'auto', noBrowser: false }, unlikely)).toEqual({
      flow: 'device',
      why: 'This is an SSH session.',
    });
  });

  it('prints the URL for a paste with --no-browser, without asking about a browser', () => {
    expect(chooseLogin({ method: 'auto', noBrowser: true }, never)).toEqual({
      flow: 'browser',
      browser: 'never',
      canFallBack: true,
    });
  });

  it('obeys --device and --browser; --browser never falls back', () => {
    expect(chooseLogin({ method: 'device', noBrowser: false }, never)).toEqual({ flow: 'device' });
    expect(chooseLogin({ method: 'browser', noBrowser: false }, never)).toEqual({
      flow: 'browser',
      browser: 'auto',
      canFallBack: false,
    });
    expect(chooseLogin({ method: 'browser', noBrowser: true }, never)).toMatchObject({
      browser: 'never',
      canFallBack: false,
    });
  });
});
