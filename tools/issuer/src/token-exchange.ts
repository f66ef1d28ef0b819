import {
  errors,
  type Provider,
  type ResourceServer,
  type TokenEndpointGrantContext,
} from 'oidc-provider';
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT_TYPE } from './grant-types.js';
import type { IssuerResources } from './resources.js';
import type { AccessTokenClaims } from './verify-access-token.js';

/** The RFC 8693 §2.1 request parameters, as oidc-provider hands them to the handler. */
interface TokenExchangeParams {
  subject_token?: string;
  subject_token_type?: string;
  actor_token?: string;
  actor_token_type?: string;
  requested_token_type?: string;
  audience?: string | string[];
  resource?: string | string[];
  scope?: string;
}

/** The parameters the token endpoint keeps for a token-exchange request (RFC 8693 §2.1). */
export const TOKEN_EXCHANGE_PARAMETERS = Object.freeze([
  'subject_token',
  'subject_token_type',
  'actor_token',
  'actor_token_type',
  'requested_token_type',
  'audience',
  'resource',
  'scope',
]);

/** The actor's `sub` of tokens being minted by a delegation exchange. */
const actors = new WeakMap<object, string>();

/**
 * The extra JWT claims of an access token (oidc-provider's `extraTokenClaims` hook, which
 * overwrites anything set on the token itself): `act` for a token minted by an exchange that
 * named an actor, nothing otherwise.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-4.1
 */
export function tokenExchangeClaims(token: object): Record<string, unknown> | undefined {
  const actor = actors.get(token);
  return actor === undefined ? undefined : { act: { sub: actor } };
}

/** What the token-exchange handler needs from the issuer. */
export interface TokenExchangeOptions {
  /** The resources a token may be exchanged for; the default target is `resources.api`. */
  readonly resources: IssuerResources;
  /** Verifies a JWT access token this issuer signed; throws when it is not valid now. */
  readonly verifyAccessToken: (token: string) => AccessTokenClaims;
  /** Whether `sub` is still a known account. */
  readonly accountExists: (sub: string) => boolean;
  /** Resource server settings for a known indicator, `undefined` for an unknown one. */
  readonly resourceServerInfo: (indicator: string) => ResourceServer | undefined;
}

/**
 * Adds the RFC 8693 token exchange grant to the provider's token endpoint (oidc-provider has
 * no built-in one). A client trades a valid, unexpired access token from this issuer for a new
 * JWT access token whose `aud` is the requested resource, for the same user.
 *
 * Answers, per RFC 8693 §2.2.1: `access_token`, `issued_token_type`
 * (`urn:ietf:params:oauth:token-type:access_token`), `token_type: Bearer`, `expires_in` and
 * `scope`. No refresh token. Errors (RFC 6749 §5.2 JSON, status 400): `invalid_request` for a
 * missing, unsupported or invalid/expired token ("If … the subject_token or actor_token are
 * invalid for any reason … the value of the error parameter MUST be the invalid_request error
 * code", §2.2.2); `invalid_target` for an unknown or more than one `resource`/`audience`;
 * `invalid_scope` for a scope the target does not offer.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-2
 */
export function registerTokenExchange(provider: Provider, options: TokenExchangeOptions): void {
  provider.registerGrantType<TokenExchangeParams>(
    TOKEN_EXCHANGE_GRANT_TYPE,
    (ctx) => exchangeToken(provider, options, ctx),
    TOKEN_EXCHANGE_PARAMETERS,
    ['resource', 'audience'],
  );
}

async function exchangeToken(
  provider: Provider,
  options: TokenExchangeOptions,
  ctx: TokenEndpointGrantContext<TokenExchangeParams>,
): Promise<void> {
  const { params, client } = ctx.oidc;
  const subjectToken = required(params.subject_token, 'subject_token');
  const subjectTokenType = required(params.subject_token_type, 'subject_token_type');
  if (subjectTokenType !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`unsupported subject_token_type; use ${ACCESS_TOKEN_TYPE}`);
  }
  if (
    params.requested_token_type !== undefined &&
    params.requested_token_type !== ACCESS_TOKEN_TYPE
  ) {
    throw new errors.InvalidRequest(`unsupported requested_token_type; use ${ACCESS_TOKEN_TYPE}`);
  }
  if ((params.actor_token === undefined) !== (params.actor_token_type === undefined)) {
    throw new errors.InvalidRequest('actor_token and actor_token_type must be sent together');
  }
  if (params.actor_token_type !== undefined && params.actor_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`unsupported actor_token_type; use ${ACCESS_TOKEN_TYPE}`);
  }

  const targets = new Set([...asList(params.resource), ...asList(params.audience)]);
  if (targets.size > 1) {
    throw new errors.InvalidTarget('request a single resource or audience per token exchange');
  }
  const target = [...targets][0] ?? options.resources.api;
  const info = options.resourceServerInfo(target);
  if (info === undefined) {
    throw new errors.InvalidTarget('the requested resource or audience is unknown to this issuer');
  }

  const subject = acceptToken(options, subjectToken, 'subject_token');
  if (subject.client_id !== client.clientId) {
    throw new errors.InvalidRequest('subject_token was issued to another client');
  }
  if (!options.accountExists(subject.sub)) {
    throw new errors.InvalidRequest('subject_token names an unknown user');
  }
  const actor =
    params.actor_token === undefined
      ? undefined
      : acceptToken(options, params.actor_token, 'actor_token');

  const offered = new Set(info.scope.split(' ').filter(Boolean));
  const requested = params.scope ? params.scope.split(' ').filter(Boolean) : [...offered];
  const unavailable = requested.filter((scope) => !offered.has(scope));
  if (unavailable.length > 0) {
    throw new errors.InvalidScope(
      'the requested scope is not offered by the target resource',
      unavailable.join(' '),
    );
  }
  const scope = requested.join(' ');

  // A grant of its own keeps the exchanged token revocable by grant like every other token.
  const grant = new provider.Grant({ accountId: subject.sub, clientId: client.clientId });
  grant.addResourceScope(target, scope);
  const grantId = await grant.save();

  const token = new provider.AccessToken({
    accountId: subject.sub,
    client,
    grantId,
    gty: TOKEN_EXCHANGE_GRANT_TYPE,
    scope,
  });
  if (actor !== undefined) actors.set(token, actor.sub);
  token.resourceServer = new provider.ResourceServer(target, info);
  ctx.oidc.entity('AccessToken', token);
  const accessToken = await token.save();

  ctx.body = {
    access_token: accessToken,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: token.tokenType,
    expires_in: token.expiration,
    scope,
  };
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') {
    throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  }
  return value;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item) => item !== '');
}

function acceptToken(
  options: TokenExchangeOptions,
  token: string,
  name: string,
): AccessTokenClaims {
  try {
    return options.verifyAccessToken(token);
  } catch (cause) {
    throw new errors.InvalidRequest(`${name} is invalid or expired`, undefined, { cause });
  }
}
