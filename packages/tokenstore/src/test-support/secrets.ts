import type { TokenSet } from '@latch/core';
import { expectNoSecrets as expectNoSecretsIn, rejectionOf } from '@latch/test-support';

/** Sentinel secrets put into stores; none may ever reach an error's text. */
export const SECRET = Object.freeze({
  accessToken: 'SENTINEL-ACCESS-TOKEN-5b8e1f',
  refreshToken: 'SENTINEL-REFRESH-TOKEN-93c2aa',
  idToken: 'SENTINEL-ID-TOKEN-7d41c0',
  passphrase: 'SENTINEL-PASSPHRASE-41d9e3',
});

/** A token set carrying the sentinels. */
export const SECRET_TOKENS: TokenSet = Object.freeze({
  accessToken: SECRET.accessToken,
  tokenType: 'Bearer',
  expiresAt: 1_700_000_000_000,
  refreshToken: SECRET.refreshToken,
  idToken: SECRET.idToken,
  scope: 'openid offline_access',
});

/** Fails when any rendering of `error` contains one of `secrets`. */
export function expectNoSecrets(
  error: unknown,
  secrets: readonly string[] = Object.values(SECRET),
): void {
  expectNoSecretsIn(error, secrets);
}

export { rejectionOf };
