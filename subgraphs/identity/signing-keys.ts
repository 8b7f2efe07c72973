// The keys that sign access tokens: Ed25519, given by configuration (TOKEN_SIGNING_KEYS, newest
// first), never stored in the database. The newest signs; every configured key is published in
// the JWKS, so tokens signed before a rotation stay valid until they expire. The key id is the
// key's RFC 7638 thumbprint.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';
import { ACCESS_TOKEN, type AccessTokenClaims } from '../../platform/access-tokens.ts';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

export async function loadSigningKeys(pkcs8Keys: readonly Uint8Array[]): Promise<SigningKey[]> {
  return Promise.all(
    pkcs8Keys.map(async (der, index) => {
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      } catch {
        throw new Error(`TOKEN_SIGNING_KEYS: key ${index + 1} is not a PKCS#8 private key`);
      }
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`TOKEN_SIGNING_KEYS: key ${index + 1} is not an Ed25519 key`);
      const jwk = await exportJWK(createPublicKey(privateKey));
      const kid = await calculateJwkThumbprint(jwk);
      return { kid, privateKey, publicJwk: { ...jwk, kid, alg: ACCESS_TOKEN.algorithm, use: 'sig' } };
    }),
  );
}

/** The JSON Web Key Set served at /.well-known/jwks.json. */
export function publicJwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}

export async function signAccessToken(key: SigningKey, claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + ACCESS_TOKEN.lifetimeSeconds;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, kid: key.kid, typ: ACCESS_TOKEN.type })
    .setIssuer(ACCESS_TOKEN.issuer)
    .setAudience(ACCESS_TOKEN.audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
