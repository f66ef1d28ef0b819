import { describe, expect, it } from 'vitest';
import {
  canAnimate,
  canShowQr,
  formatCountdown,
  formatUserCode,
  type TerminalInfo,
} from './terminal-display.js';

const terminal: TerminalInfo = {
  isTTY: true,
  columns: 80,
  rows: 40,
  env: { TERM: 'xterm-256color' },
  json: false,
};
const qr = { width: 31, height: 16 };

describe('formatCountdown', () => {
  it.each([
    [600_000, '10:00'],
    [599_001, '10:00'], // rounded up: never shows less time than is left
    [599_000, '09:59'],
    [61_000, '01:01'],
    [59_999, '01:00'],
    [1, '00:01'],
    [0, '00:00'],
    [-5_000, '00:00'],
    [Number.NaN, '00:00'],
    [6_000_000, '100:00'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('formatUserCode', () => {
  it('pads the code so that, reversed, it reads as a block', () => {
    expect(formatUserCode('ABCD-EFGH')).toBe('  ABCD-EFGH  ');
  });
});

describe('canShowQr', () => {
  it('shows it on a terminal wide and tall enough', () => {
    expect(canShowQr(terminal, qr)).toBe(true);
    expect(canShowQr({ ...terminal, columns: 33 }, qr)).toBe(true);
    expect(canShowQr({ ...terminal, rows: undefined }, qr)).toBe(true); // height unknown
  });

  it('shows it under NO_COLOR: block characters are not colour', () => {
    expect(canShowQr({ ...terminal, env: { ...terminal.env, NO_COLOR: '1' } }, qr)).toBe(true);
  });

  it.each([
    ['not a terminal', { isTTY: false }],
    ['--json', { json: true }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
    ['too narrow (it would wrap and not scan)', { columns: 32 }],
    ['width unknown', { columns: undefined }],
    ['width 0', { columns: 0 }],
    ['too short', { rows: 20 }],
  ] as const)('leaves it out when %s', (_why, change) => {
    expect(canShowQr({ ...terminal, ...change }, qr)).toBe(false);
  });
});

describe('canAnimate', () => {
  it('animates on an interactive terminal, NO_COLOR included', () => {
    expect(canAnimate(terminal)).toBe(true);
    expect(canAnimate({ ...terminal, env: { NO_COLOR: '1' } })).toBe(true);
    expect(canAnimate({ ...terminal, env: { CI: 'false' } })).toBe(true);
  });

  it.each([
    ['not a terminal', { isTTY: false }],
    ['--json', { json: true }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
    ['CI', { env: { CI: 'true' } }],
  ] as const)('draws plain lines when %s', (_why, change) => {
    expect(canAnimate({ ...terminal, ...change })).toBe(false);
  });
});
