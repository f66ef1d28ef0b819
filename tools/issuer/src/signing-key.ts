import { createHash, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

/** The issuer's token signing key, fresh on every start. */
export interface SigningKey {
  /** The private JWK (with `kid`, `alg: RS256`, `use: sig`) handed to oidc-provider. */
  readonly privateJwk: JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };
  /** The public half, to verify tokens this issuer signed. */
  readonly publicKey: KeyObject;
  /** The key id: the RFC 7638 JWK thumbprint of the public key. */
  readonly kid: string;
}

/**
 * Generates a 2048-bit RSA key for RS256 (the algorithm oidc-provider signs ID tokens and JWT
 * access tokens with by default). Keys live in memory only.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-3.3
 * @see https://www.rfc-editor.org/rfc/rfc7638#section-3
 */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const thumbprintInput = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  const kid = createHash('sha256').update(thumbprintInput).digest('base64url');
  return {
    privateJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' },
    publicKey,
    kid,
  };
}
