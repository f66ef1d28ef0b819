import type { Writable as NodeWritable } from 'node:stream';
import type { DeviceVerification } from '@latch/device-grant';
import { renderUnicodeCompact } from 'uqr';
import yoctoSpinner from 'yocto-spinner';
import type { Output, Writable } from '../output.js';
import {
  canShowQr,
  formatCountdown,
  formatUserCode,
  QR_INDENT,
  type TerminalInfo,
} from './terminal-display.js';

/** The running device-login screen; `stop()` ends the spinner and shows the cursor again. */
export interface DeviceScreen {
  /** Stops the spinner and the countdown, restores the cursor. Idempotent. */
  stop(): void;
}

/** What the screen runs with; the clock and timer are the real ones unless a test passes its own. */
export interface DeviceScreenOptions {
  /** The current time in ms. Default: `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** How often the countdown is redrawn, in ms. Default: 1000. */
  readonly tickMs?: number | undefined;
}

/**
 * Draws the device login on a terminal: the verification URL, the user code large, a QR code
 * of `verification_uri_complete` when it fits, and a spinner counting down to the code's
 * expiry. Only for an interactive terminal (see `canAnimate`); the caller stops it when the
 * login ends, however it ends.
 * @param out - Where progress lines go.
 * @param stream - The terminal (stderr) the spinner draws on.
 * @param terminal - What the terminal can show.
 * @param verification - The codes to show (no device code: it is secret).
 * @param options - Clock and tick.
 */
export function showDeviceScreen(
  out: Output,
  stream: Writable,
  terminal: TerminalInfo,
  verification: DeviceVerification,
  options: DeviceScreenOptions = {},
): DeviceScreen {
  const now = options.now ?? Date.now;
  out.progress('');
  out.progress(`  Open   ${out.strong(verification.verificationUri)}`);
  out.progress('  and enter the code');
  out.progress('');
  out.progress(`      ${out.highlight(formatUserCode(verification.userCode))}`);
  out.progress('');
  const complete = verification.verificationUriComplete;
  if (complete !== undefined) {
    const qr = renderUnicodeCompact(complete).replace(/\n+$/, '').split('\n');
    const size = { width: Math.max(...qr.map((line) => line.length)), height: qr.length };
    if (canShowQr(terminal, size)) {
      out.progress('  or scan this code with your phone:');
      out.progress('');
      for (const line of qr) out.progress(`${' '.repeat(QR_INDENT)}${line}`);
      out.progress('');
    } else {
      out.progress(`  or open ${complete}`);
      out.progress('');
    }
  }
  const text = () =>
    `Waiting for you to approve… the code expires in ${formatCountdown(verification.expiresAt - now())} (Ctrl-C cancels)`;
  // The CLI handles Ctrl-C itself (an AbortSignal); the spinner must not exit the process.
  const spinner = yoctoSpinner({
    text: text(),
    stream: stream as unknown as NodeWritable,
    handleSignals: false,
  }).start();
  const timer = setInterval(() => {
    spinner.text = text();
  }, options.tickMs ?? 1000);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      spinner.stop();
    },
  };
}
