import {
  discoverIssuer,
  OAuthError,
  postForm,
  requestToken,
  sleep,
  type TokenSet,
} from '@latch/core';

/** Logs a CLI in with the device authorization grant (RFC 8628) against any standards issuer. */
export async function example(issuer: string): Promise<TokenSet> {
  const clientId = 'latch-cli';
  const metadata = await discoverIssuer(issuer);
  if (metadata.deviceAuthorizationEndpoint === undefined) {
    throw new Error(`${metadata.issuer} does not offer the device flow`);
  }

  const { body } = await postForm(metadata.deviceAuthorizationEndpoint, {
    client_id: clientId,
    scope: 'openid offline_access',
  });
  const device = body as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    expires_in: number;
    interval?: number;
  };
  console.log(`Open ${device.verification_uri} and enter the code ${device.user_code}`);

  let interval = device.interval ?? 5; // RFC 8628 §3.5: 5 seconds unless the server says
  const deadline = Date.now() + device.expires_in * 1000;
  while (Date.now() < deadline) {
    await sleep(interval * 1000);
    try {
      return await requestToken(metadata.tokenEndpoint, {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: device.device_code,
        client_id: clientId,
      });
    } catch (error) {
      if (!OAuthError.isInstance(error)) throw error;
      if (error.error === 'slow_down') interval += 5;
      else if (error.error !== 'authorization_pending') throw error;
    }
  }
  throw new Error('The code expired before it was approved; run the login again.');
}
