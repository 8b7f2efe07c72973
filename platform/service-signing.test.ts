// The gateway's signed context, attacked: every way to forge, replay or redirect it is refused,
// including by a subgraph that has been taken over and holds all that a subgraph is given.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import type { Caller } from './caller.ts';
import { AppError } from './errors.ts';
import { bodyDigest, signCallerContext, STREAMED_BODY, verifyCallerContext, type ContextTarget } from './service-signing.ts';

const gateway = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const publicKeys = [gateway.publicKey];
const body = JSON.stringify({ query: '{ passwordPolicy { minLength } }' });
const caller: Caller = {
  userId: '8b0d4b9e-4b7a-4f59-9d43-3f9d2b0c6a11', organizationId: '0c3f6c8e-7e0c-4b55-a1e4-3b8a0c7f9d22',
  role: 'AUDITOR', sessionId: 's-1', requestId: 'req-12345678', sourceIp: '203.0.113.9',
};
const graphql = (audience: ContextTarget['audience'], requestBody: ContextTarget['body'] = body): ContextTarget => ({ audience, method: 'POST', path: '/graphql', body: requestBody });

async function refused(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
}

/** A context as the old gateway signed it: HS256 over a secret that every subgraph also held. */
function sharedSecretContext(secret: Buffer, claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'credence-context+jwt' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
}

describe('caller context signing', () => {
  it('carries the caller from the gateway to the subgraph it was signed for', async () => {
    const token = signCallerContext(gateway.privateKey, caller, graphql('audit'));
    expect(await verifyCallerContext(publicKeys, token, graphql('audit'))).toEqual(caller);
  });

  it('carries a platform administrator\'s support grant, and drops one a context claims for any other role', async () => {
    const support: Caller = { ...caller, role: 'PLATFORM_ADMIN', supportGrant: { id: '5d1f3b0e-2c4a-4e8b-9f6d-7a1b2c3d4e5f', endsAt: 1_800_000_000 } };
    const token = signCallerContext(gateway.privateKey, support, graphql('credentials'));
    expect(await verifyCallerContext(publicKeys, token, graphql('credentials'))).toEqual(support);
    const claimed = signCallerContext(gateway.privateKey, { ...support, role: 'ORG_ADMIN' }, graphql('credentials'));
    expect(await verifyCallerContext(publicKeys, claimed, graphql('credentials'))).toEqual({ ...caller, role: 'ORG_ADMIN' });
  });

  it('carries an anonymous caller as anonymous', async () => {
    const anonymous: Caller = { userId: null, organizationId: null, role: null, sessionId: null, requestId: 'req-abcdefgh', sourceIp: null };
    const token = signCallerContext(gateway.privateKey, anonymous, graphql('identity'));
    expect(await verifyCallerContext(publicKeys, token, graphql('identity'))).toEqual(anonymous);
  });

  it('refuses a missing header', async () => {
    await refused(verifyCallerContext(publicKeys, undefined, graphql('audit')));
  });

  it('refuses a context signed with any key but the gateway\'s: another Ed25519 key, or the shared-secret HMAC of old', async () => {
    await refused(verifyCallerContext(publicKeys, signCallerContext(other.privateKey, caller, graphql('credentials')), graphql('credentials')));

    // What a taken-over audit subgraph could do with the secret it was once given: mint an
    // ORG_ADMIN context for credentials, with every claim right.
    const secret = Buffer.alloc(32, 1);
    const now = Math.floor(Date.now() / 1000);
    const minted = sharedSecretContext(secret, {
      org: caller.organizationId, role: 'ORG_ADMIN', sid: 's-1', rid: 'r-1', ip: null, htm: 'POST', htp: '/graphql', bh: bodyDigest(body),
      iss: 'credence-gateway', aud: 'credentials', sub: caller.userId, iat: now, exp: now + 30,
    });
    await refused(verifyCallerContext(publicKeys, minted, graphql('credentials')));
    // Not even with the public key used as the HMAC secret (the classic algorithm confusion).
    const publicBytes = gateway.publicKey.export({ format: 'der', type: 'spki' });
    await refused(verifyCallerContext(publicKeys, sharedSecretContext(publicBytes, { ...JSON.parse(Buffer.from(minted.split('.')[1]!, 'base64url').toString()) }), graphql('credentials')));
  });

  it('accepts a context signed by any listed key, so the gateway\'s key can be rotated', async () => {
    const token = signCallerContext(other.privateKey, caller, graphql('audit'));
    expect(await verifyCallerContext([gateway.publicKey, other.publicKey], token, graphql('audit'))).toEqual(caller);
  });

  it('refuses a context replayed against another subgraph', async () => {
    const token = signCallerContext(gateway.privateKey, caller, graphql('identity'));
    await refused(verifyCallerContext(publicKeys, token, graphql('credentials')));
  });

  it('refuses a context replayed with another query', async () => {
    const token = signCallerContext(gateway.privateKey, caller, graphql('audit'));
    await refused(verifyCallerContext(publicKeys, token, graphql('audit', body.replace('passwordPolicy', 'auditEvents'))));
  });

  it('refuses a context replayed at another path or with another method', async () => {
    const token = signCallerContext(gateway.privateKey, caller, graphql('audit'));
    await refused(verifyCallerContext(publicKeys, token, { ...graphql('audit'), path: '/internal/denials' }));
    await refused(verifyCallerContext(publicKeys, token, { ...graphql('audit'), method: 'PUT' }));
    const download = signCallerContext(gateway.privateKey, caller, { audience: 'credentials', method: 'GET', path: '/files/documents/a?grant=g1&signature=s1', body: '' });
    await refused(verifyCallerContext(publicKeys, download, { audience: 'credentials', method: 'GET', path: '/files/documents/a?grant=g2&signature=s2', body: '' }));
  });

  it('keeps a streamed upload\'s context for streamed bodies, and a read body\'s for read ones', async () => {
    const upload = { audience: 'credentials' as const, method: 'PUT', path: '/files/documents/a?grant=g&signature=s' };
    const token = signCallerContext(gateway.privateKey, caller, { ...upload, body: STREAMED_BODY });
    expect(await verifyCallerContext(publicKeys, token, { ...upload, body: STREAMED_BODY })).toEqual(caller);
    await refused(verifyCallerContext(publicKeys, token, { ...upload, body: 'streamed' }));
    const read = signCallerContext(gateway.privateKey, caller, { ...upload, body: '' });
    await refused(verifyCallerContext(publicKeys, read, { ...upload, body: STREAMED_BODY }));
  });

  it('refuses an expired context', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), htm: 'POST', htp: '/graphql', role: 'AUDITOR' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'credence-context+jwt' }).setIssuer('credence-gateway').setAudience('audit').setSubject(caller.userId!)
      .setIssuedAt(past).setExpirationTime(past + 30).sign(gateway.privateKey);
    await refused(verifyCallerContext(publicKeys, token, graphql('audit')));
  });

  it('refuses an unsigned (alg: none) context and a tampered role', async () => {
    const unsigned = new UnsecuredJWT({ rid: 'r', bh: bodyDigest(body), htm: 'POST', htp: '/graphql', role: 'PLATFORM_ADMIN' })
      .setIssuer('credence-gateway').setAudience('audit').setSubject(caller.userId!).setIssuedAt().setExpirationTime('30s').encode();
    await refused(verifyCallerContext(publicKeys, unsigned, graphql('audit')));

    const token = signCallerContext(gateway.privateKey, caller, graphql('audit'));
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'PLATFORM_ADMIN' })).toString('base64url');
    await refused(verifyCallerContext(publicKeys, `${header}.${forged}.${signature}`, graphql('audit')));
  });

  it('refuses a token signed with the right key that is not typed as a caller context', async () => {
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), htm: 'POST', htp: '/graphql', role: 'AUDITOR' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).setIssuer('credence-gateway').setAudience('audit').setSubject('u')
      .setIssuedAt().setExpirationTime('30s').sign(gateway.privateKey);
    await refused(verifyCallerContext(publicKeys, token, graphql('audit')));
  });

  it('signs a standard EdDSA JWT that a general verifier accepts with the public key, with the claims it names', async () => {
    const token = signCallerContext(gateway.privateKey, caller, graphql('credentials'));
    const { payload, protectedHeader } = await jwtVerify(token, gateway.publicKey, { issuer: 'credence-gateway', audience: 'credentials', typ: 'credence-context+jwt' });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'credence-context+jwt' });
    expect(payload).toMatchObject({ sub: caller.userId, org: caller.organizationId, role: 'AUDITOR', rid: caller.requestId, htm: 'POST', htp: '/graphql', bh: bodyDigest(body) });
    expect(payload.exp! - payload.iat!).toBe(30);
  });

  it('refuses a validly signed context that names an unknown role', async () => {
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), htm: 'POST', htp: '/graphql', role: 'SUPERUSER' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'credence-context+jwt' }).setIssuer('credence-gateway').setAudience('audit').setSubject('u')
      .setIssuedAt().setExpirationTime('30s').sign(gateway.privateKey);
    await refused(verifyCallerContext(publicKeys, token, graphql('audit')));
  });
});
