import { expectNoSecrets as expectNoSecretsIn, rejectionOf } from '@latch/test-support';

/** Sentinel values put into server answers; none may ever reach an error's text. */
export const SECRET = Object.freeze({
  deviceCode: 'SENTINEL-DEVICE-CODE-8c1d7e',
  userCode: 'SNTL-UCDE',
  accessToken: 'SENTINEL-ACCESS-TOKEN-2a9f41',
  refreshToken: 'SENTINEL-REFRESH-TOKEN-f07b3c',
});

/** Fails when any rendering of `error` (message, JSON, inspect, stack) contains a sentinel. */
export function expectNoSecrets(
  error: unknown,
  secrets: readonly string[] = Object.values(SECRET),
): void {
  expectNoSecretsIn(error, secrets);
}

export { rejectionOf };

/** A valid token response carrying the sentinel tokens. */
export const TOKEN_BODY = {
  access_token: SECRET.accessToken,
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: SECRET.refreshToken,
};
