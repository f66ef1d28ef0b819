import { describe, expect, it } from 'vitest';
import { sanitizeForDisplay } from './display-text.js';

describe('sanitizeForDisplay', () => {
  it.each([
    ['C0 controls and ESC sequences', 'WDJB\u0000-\u0007MJHT\u001b[2J', 'WDJB-MJHT[2J'],
    ['carriage return and newline', 'WDJB-MJHT\r\nfake prompt', 'WDJB-MJHTfake prompt'],
    ['DEL', 'WDJB\u007f-MJHT', 'WDJB-MJHT'],
    ['C1 controls (CSI)', 'WDJB-\u009b2JMJHT\u0085', 'WDJB-2JMJHT'],
    [
      'bidi overrides and isolates',
      '\u202ehttps://as.example\u202c/\u2066x\u2069',
      'https://as.example/x',
    ],
    ['bidi marks', 'https://as\u200e.example\u200f/\u061cdevice', 'https://as.example/device'],
    ['zero-width characters and BOM', 'WD\u200bJB-\u200c\u200dMJ\u2060HT\ufeff', 'WDJB-MJHT'],
    ['soft hyphen', 'WDJB\u00ad-MJHT', 'WDJB-MJHT'],
    ['line and paragraph separators', 'WDJB-MJHT\u2028\u2029', 'WDJB-MJHT'],
    ['surrounding whitespace', '  WDJB-MJHT \t', 'WDJB-MJHT'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeForDisplay(input)).toBe(expected);
  });

  it('keeps everything else as given: case, letters beyond ASCII, inner spaces, emoji', () => {
    const text = 'https://AS.Example/Gerät?x=1 2 🔑';
    expect(sanitizeForDisplay(text)).toBe(text);
  });

  it('refuses a non-string with TypeError', () => {
    expect(() => sanitizeForDisplay(42 as unknown as string)).toThrow(TypeError);
  });
});
