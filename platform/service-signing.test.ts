// The gateway's signed context, attacked: every way to forge, replay or redirect it is refused.
import { describe, expect, it } from '@jest/globals';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import type { Caller } from './caller.ts';
import { AppError } from './errors.ts';
import { bodyDigest, signCallerContext, verifyCallerContext } from './service-signing.ts';

const secret = new Uint8Array(Buffer.alloc(32, 1));
const otherSecret = new Uint8Array(Buffer.alloc(32, 2));
const body = JSON.stringify({ query: '{ passwordPolicy { minLength } }' });
const caller: Caller = {
  userId: '8b0d4b9e-4b7a-4f59-9d43-3f9d2b0c6a11', organizationId: '0c3f6c8e-7e0c-4b55-a1e4-3b8a0c7f9d22',
  role: 'AUDITOR', sessionId: 's-1', requestId: 'req-12345678', sourceIp: '203.0.113.9',
};

async function refused(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
}

describe('caller context signing', () => {
  it('carries the caller from the gateway to the subgraph it was signed for', async () => {
    const token = signCallerContext(secret, caller, { audience: 'audit', body });
    expect(await verifyCallerContext(secret, token, { audience: 'audit', body })).toEqual(caller);
  });

  it('carries an anonymous caller as anonymous', async () => {
    const anonymous: Caller = { userId: null, organizationId: null, role: null, sessionId: null, requestId: 'req-abcdefgh', sourceIp: null };
    const token = signCallerContext(secret, anonymous, { audience: 'identity', body });
    expect(await verifyCallerContext(secret, token, { audience: 'identity', body })).toEqual(anonymous);
  });

  it('refuses a missing header', async () => {
    await refused(verifyCallerContext(secret, undefined, { audience: 'audit', body }));
  });

  it('refuses a context signed with another secret', async () => {
    const token = signCallerContext(otherSecret, caller, { audience: 'audit', body });
    await refused(verifyCallerContext(secret, token, { audience: 'audit', body }));
  });

  it('refuses a context replayed against another subgraph', async () => {
    const token = signCallerContext(secret, caller, { audience: 'identity', body });
    await refused(verifyCallerContext(secret, token, { audience: 'credentials', body }));
  });

  it('refuses a context replayed with another query', async () => {
    const token = signCallerContext(secret, caller, { audience: 'audit', body });
    await refused(verifyCallerContext(secret, token, { audience: 'audit', body: body.replace('passwordPolicy', 'auditEvents') }));
  });

  it('refuses an expired context', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), role: 'AUDITOR' })
      .setProtectedHeader({ alg: 'HS256', typ: 'credence-context+jwt' }).setIssuer('credence-gateway').setAudience('audit').setSubject(caller.userId!)
      .setIssuedAt(past).setExpirationTime(past + 30).sign(secret);
    await refused(verifyCallerContext(secret, token, { audience: 'audit', body }));
  });

  it('refuses an unsigned (alg: none) context and a tampered role', async () => {
    const unsigned = new UnsecuredJWT({ rid: 'r', bh: bodyDigest(body), role: 'PLATFORM_ADMIN' })
      .setIssuer('credence-gateway').setAudience('audit').setSubject(caller.userId!).setIssuedAt().setExpirationTime('30s').encode();
    await refused(verifyCallerContext(secret, unsigned, { audience: 'audit', body }));

    const token = signCallerContext(secret, caller, { audience: 'audit', body });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'PLATFORM_ADMIN' })).toString('base64url');
    await refused(verifyCallerContext(secret, `${header}.${forged}.${signature}`, { audience: 'audit', body }));
  });

  it('refuses a token signed with the right secret that is not typed as a caller context', async () => {
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), role: 'AUDITOR' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('credence-gateway').setAudience('audit').setSubject('u')
      .setIssuedAt().setExpirationTime('30s').sign(secret);
    await refused(verifyCallerContext(secret, token, { audience: 'audit', body }));
  });

  it('signs a standard HS256 JWT that a general verifier accepts, with the claims it names', async () => {
    const token = signCallerContext(secret, caller, { audience: 'credentials', body });
    const { payload, protectedHeader } = await jwtVerify(token, secret, { issuer: 'credence-gateway', audience: 'credentials', typ: 'credence-context+jwt' });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'credence-context+jwt' });
    expect(payload).toMatchObject({ sub: caller.userId, org: caller.organizationId, role: 'AUDITOR', rid: caller.requestId, bh: bodyDigest(body) });
    expect(payload.exp! - payload.iat!).toBe(30);
  });

  it('refuses a validly signed context that names an unknown role', async () => {
    const token = await new SignJWT({ rid: 'r', bh: bodyDigest(body), role: 'SUPERUSER' })
      .setProtectedHeader({ alg: 'HS256', typ: 'credence-context+jwt' }).setIssuer('credence-gateway').setAudience('audit').setSubject('u')
      .setIssuedAt().setExpirationTime('30s').sign(secret);
    await refused(verifyCallerContext(secret, token, { audience: 'audit', body }));
  });
});
