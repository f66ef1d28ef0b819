import { discoverIssuer } from '@latch/core';
import { exchangeToken, TOKEN_TYPE_ACCESS_TOKEN } from '@latch/sts-exchange';

/**
 * Trades the user's access token (issued for one API) for an access token for a second
 * resource, without asking the user to log in again.
 */
export async function tokenForResource(
  issuer: string,
  accessToken: string,
  resource: string,
): Promise<string> {
  const metadata = await discoverIssuer(issuer);
  const exchanged = await exchangeToken({
    endpoint: metadata.tokenEndpoint,
    clientId: 'latch-cli',
    subjectToken: accessToken,
    subjectTokenType: TOKEN_TYPE_ACCESS_TOKEN,
    requestedTokenType: TOKEN_TYPE_ACCESS_TOKEN,
    resource,
  });
  return exchanged.accessToken; // send it as `Authorization: Bearer …` to `resource`
}
