import { sanitizeForDisplay } from '@latch/device-grant';

/** The longest line kept; longer output lines are cut. */
export const MAX_LINE_LENGTH = 2000;

/** CSI (colours, cursor moves), OSC (titles, hyperlinks) and two-character escapes. */
const TERMINAL_ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are control characters
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/**
 * Cleans one line of a command's output for matching and for the transcript: terminal escape
 * sequences, control and invisible characters removed, trimmed, cut to {@link MAX_LINE_LENGTH}.
 *
 * @param raw - The line as the command printed it (without its line break).
 * @returns The cleaned line.
 * @example
 * ```ts
 * cleanOutputLine('\u001b[32m✓\u001b[0m Logged in as ada'); // '✓ Logged in as ada'
 * ```
 */
export function cleanOutputLine(raw: string): string {
  return sanitizeForDisplay(raw.replace(TERMINAL_ESCAPES, '')).slice(0, MAX_LINE_LENGTH);
}
