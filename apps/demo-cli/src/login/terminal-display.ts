import type { Env } from '../config.js';

/** What the device-login screen needs to know about the terminal it draws on. */
export interface TerminalInfo {
  /** Whether stderr is a terminal. */
  readonly isTTY: boolean;
  /** Its width in columns; `undefined` or 0 when unknown. */
  readonly columns?: number | undefined;
  /** Its height in rows; `undefined` or 0 when unknown. */
  readonly rows?: number | undefined;
  /** The environment (`TERM`, `CI`). */
  readonly env: Env;
  /** `--json`: a script reads stderr, so nothing is drawn. */
  readonly json: boolean;
}

/** The size of a rendered QR code, in terminal cells. */
export interface QrSize {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
}

/** Columns the QR code is indented by. */
export const QR_INDENT = 2;
/** Rows kept free besides the QR code: the URL, the user code and the spinner. */
const ROWS_BESIDE_QR = 8;

/**
 * Formats the time left until the device code expires as `mm:ss` (rounded up, never below
 * `00:00`; minutes go past 59 rather than adding hours). Pure.
 * @param msLeft - Milliseconds until expiry; negative once expired.
 * @example formatCountdown(599_100) // '10:00'
 */
export function formatCountdown(msLeft: number): string {
  const total = Number.isFinite(msLeft) ? Math.max(0, Math.ceil(msLeft / 1000)) : 0;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/**
 * The user code as shown large: padded with spaces so that, reversed on a colour terminal, it
 * reads as a block (`'  ABCD-EFGH  '`). Pure.
 * @param userCode - The code the user types (RFC 8628 §3.3).
 */
export function formatUserCode(userCode: string): string {
  return `  ${userCode}  `;
}

/**
 * Whether the terminal gets the animated screen (spinner and countdown): stderr is a terminal,
 * not `TERM=dumb`, not `--json`, and not CI (where a terminal, if any, is a log). Pure.
 * @param info - The terminal.
 */
export function canAnimate(info: TerminalInfo): boolean {
  return info.isTTY && !info.json && info.env.TERM !== 'dumb' && !isSet(info.env.CI);
}

/**
 * Whether a QR code of `size` can be shown: stderr is a terminal that is not `TERM=dumb`, not
 * `--json`, and wide (and, when known, tall) enough to show the code whole — a wrapped QR code
 * does not scan. `NO_COLOR` does not prevent it: the code is drawn with block characters, not
 * colour. Pure.
 * @param info - The terminal.
 * @param size - The rendered code's size.
 */
export function canShowQr(info: TerminalInfo, size: QrSize): boolean {
  if (!info.isTTY || info.json || info.env.TERM === 'dumb') return false;
  const columns = info.columns ?? 0;
  if (columns < size.width + QR_INDENT) return false;
  const rows = info.rows ?? 0;
  return rows === 0 || rows >= size.height + ROWS_BESIDE_QR;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
