import type { CliArgs } from '../args.js';

/** Whether a browser is likely to work here (loopback's `BrowserCheck`, structurally). */
export type BrowserVerdict =
  | { readonly likely: true }
  | { readonly likely: false; readonly reason: string; readonly message: string };

/** The first step of `latch login`'s chain. */
export type LoginPlan =
  | {
      /** The device authorization grant (RFC 8628). */
      readonly flow: 'device';
      /** Why not the browser, when the choice was automatic. */
      readonly why?: string;
    }
  | {
      /** The authorization code grant through a loopback redirect (RFC 8252). */
      readonly flow: 'browser';
      /** Whether to launch a browser: `never` for `--no-browser` (print the URL, accept a paste). */
      readonly browser: 'auto' | 'never';
      /** Whether a missing authorization endpoint or a taken port falls back to the device code. */
      readonly canFallBack: boolean;
    };

/**
 * Chooses how `latch login` starts: `--device` and `--browser` decide; without them, the
 * browser when `--no-browser` asks for the URL to be printed or a browser is likely to work,
 * else the device code. Pure; `check` is only called when the choice depends on it.
 * @param args - The login's flags.
 * @param check - Whether a browser is likely to work (`browserLikelyWorks`).
 */
export function chooseLogin(
  args: Pick<CliArgs, 'method' | 'noBrowser'>,
  check: () => BrowserVerdict,
): LoginPlan {
  const browser = args.noBrowser ? 'never' : 'auto';
  if (args.method === 'device') return { flow: 'device' };
  if (args.method === 'browser') return { flow: 'browser', browser, canFallBack: false };
  if (args.noBrowser) return { flow: 'browser', browser, canFallBack: true };
  const verdict = check();
  if (verdict.likely) return { flow: 'browser', browser, canFallBack: true };
  return { flow: 'device', why: verdict.message };
}
