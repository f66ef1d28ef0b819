import type { TokenSet } from '@latch/core';
import { type DeviceLoginOptions, deviceLogin } from '@latch/device-grant';

/** What `login` needs besides the issuer URL. */
export interface LoginOptions extends Pick<DeviceLoginOptions, 'signal' | 'now' | 'sleep'> {
  /** The CLI's registered public client id. */
  clientId: string;
  /** Runs once the code is on screen: open a browser here (the README test approves instead). */
  afterPrompt?: (userCode: string, verificationUriComplete?: string) => void | Promise<void>;
}

/** `mycli login`: signs in with the device flow and returns the tokens to store. */
export async function login(issuer: string, options: LoginOptions): Promise<TokenSet> {
  const { clientId, afterPrompt, ...seams } = options;
  return deviceLogin({
    issuer,
    clientId,
    scope: 'openid offline_access api:read',
    ...seams, // Ctrl-C signal; tests pass a fast clock
    onVerification: async ({ userCode, verificationUri, verificationUriComplete, expiresIn }) => {
      // Prompts go to stderr, so stdout stays clean for --json output.
      console.error(`To sign in, open ${verificationUri} and enter the code ${userCode}`);
      console.error(`The code expires in ${Math.round(expiresIn / 60)} minutes.`);
      await afterPrompt?.(userCode, verificationUriComplete);
    },
    onWait: ({ reason, intervalMs }) => {
      if (reason === 'slow_down') {
        console.error(`The server asked us to slow down; checking every ${intervalMs / 1000} s.`);
      }
    },
  });
}
