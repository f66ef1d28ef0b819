import type { AdapterFactory, Configuration, ResourceServer } from 'oidc-provider';
import { errors } from 'oidc-provider';
import { latchCliClient, latchServerClient } from './client.js';
import { DEMO_USER, demoUserClaims } from './demo-user.js';
import {
  deviceSuccessSource,
  renderErrorPage,
  userCodeConfirmSource,
  userCodeInputSource,
} from './device-pages.js';
import { TOKEN_EXCHANGE_GRANT_TYPE } from './grant-types.js';
import type { TokenLifetimes } from './lifetimes.js';
import { type IssuerResources, resourceScope } from './resources.js';
import type { SigningKey } from './signing-key.js';
import { tokenExchangeClaims } from './token-exchange.js';

const HOUR = 60 * 60;
const FOURTEEN_DAYS = 14 * 24 * HOUR;

/** What {@link buildProviderConfiguration} assembles the provider from. */
export interface ProviderConfigurationInput {
  readonly resources: IssuerResources;
  readonly lifetimes: TokenLifetimes;
  readonly signingKey: SigningKey;
  /** Keys oidc-provider signs its cookies with (random per start). */
  readonly cookieKeys: readonly string[];
  readonly adapter: AdapterFactory;
}

/**
 * The resource server settings of a resource indicator: JWT access tokens (RFC 9068) signed
 * RS256, `aud` = the indicator, the current access token lifetime. `undefined` for an indicator
 * this issuer does not serve.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
 */
export function resourceServerInfo(
  resources: IssuerResources,
  indicator: string,
  accessTokenTtl: number,
): ResourceServer | undefined {
  const scope = resourceScope(resources, indicator);
  if (scope === undefined) return undefined;
  return {
    scope,
    audience: indicator,
    accessTokenFormat: 'jwt',
    accessTokenTTL: accessTokenTtl,
    jwt: { sign: { alg: 'RS256' } },
  };
}

/**
 * The oidc-provider configuration of the embedded issuer: the `latch-cli` and `latch-server`
 * public clients, the demo account, PKCE S256 required, device flow, revocation,
 * introspection, refresh token rotation, JWT access tokens per resource indicator, the
 * issuer's own pages, and no quick-start defaults that print warnings.
 *
 * @see https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
 */
export function buildProviderConfiguration(input: ProviderConfigurationInput): Configuration {
  const { resources, lifetimes } = input;
  return {
    adapter: input.adapter,
    clients: [latchCliClient(), latchServerClient()],
    jwks: { keys: [input.signingKey.privateJwk] },
    // Plain http on loopback: oidc-provider only marks cookies `Secure` when the request is.
    cookies: {
      keys: [...input.cookieKeys],
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    findAccount: (_ctx, sub) =>
      sub === DEMO_USER.sub
        ? { accountId: sub, claims: () => ({ ...demoUserClaims(), sub }) }
        : undefined,
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    responseTypes: ['code'],
    // RFC 9700 §2.1.1 / RFC 8252 §8.1: public clients MUST use PKCE; oidc-provider 9 only
    // offers S256, so `plain` is refused.
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Refresh tokens for any client allowed the grant, without `offline_access` + `prompt=consent`.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // A CLI's tokens must outlive the browser session that approved them.
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    extraTokenClaims: (_ctx, token) => tokenExchangeClaims(token),
    clientBasedCORS: () => false,
    renderError: renderErrorPage,
    ttl: {
      AccessToken: (_ctx, token) =>
        token.gty === TOKEN_EXCHANGE_GRANT_TYPE
          ? lifetimes.current.exchangedToken
          : lifetimes.current.accessToken,
      AuthorizationCode: 60,
      DeviceCode: () => lifetimes.current.deviceCode,
      RefreshToken: () => lifetimes.current.refreshToken,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: FOURTEEN_DAYS,
      Grant: () => Math.max(lifetimes.current.refreshToken, FOURTEEN_DAYS),
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      // Every access token is a JWT for a resource, which oidc-provider's userinfo endpoint
      // cannot accept; the ID token carries the claims instead.
      userinfo: { enabled: false },
      deviceFlow: {
        enabled: true,
        charset: 'base-20',
        mask: '****-****',
        userCodeInputSource,
        userCodeConfirmSource,
        successSource: deviceSuccessSource,
      },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      resourceIndicators: {
        enabled: true,
        // A request without `resource` gets a JWT for the api resource; when several were
        // granted and the token request names none, api wins, else the first one.
        defaultResource: (_ctx, _client, oneOf) =>
          oneOf === undefined || oneOf.includes(resources.api) ? resources.api : oneOf[0],
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          const info = resourceServerInfo(resources, indicator, lifetimes.current.accessToken);
          if (info === undefined) throw new errors.InvalidTarget();
          return info;
        },
      },
    },
  };
}
