// For the other gateways in the comparison: a fetch that adds our signed caller context, which
// every Credence subgraph requires (the same signing as our gateway's). These gateways verify no
// access token: the caller is fixed, the one BENCH_CALLER names (JSON: userId, organizationId,
// role, sessionId; the bench's credentialing staff member), so the subgraphs answer them what
// they answer that member through our gateway.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { isRole, type Caller } from '../../platform/caller.ts';
import type { SubgraphName } from '../../platform/config.ts';
import { CONTEXT_HEADER, requestPath, signCallerContext } from '../../platform/service-signing.ts';

/** These bench gateways stand where ours does, so they hold its key (CONTEXT_SIGNING_KEY). */
const signingKey = createPrivateKey({ key: Buffer.from(process.env.CONTEXT_SIGNING_KEY!, 'base64'), format: 'der', type: 'pkcs8' });
const names: Record<string, SubgraphName> = {
  [process.env.IDENTITY_URL!]: 'identity',
  [process.env.CREDENTIALS_URL!]: 'credentials',
  [process.env.AUDIT_URL!]: 'audit',
};
const fixed = ((): Pick<Caller, 'userId' | 'organizationId' | 'role' | 'sessionId'> => {
  const named = JSON.parse(process.env.BENCH_CALLER ?? 'null') as Record<string, unknown> | null;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const [userId, organizationId, sessionId] = [text(named?.userId), text(named?.organizationId), text(named?.sessionId)];
  if (!userId || !organizationId || !sessionId || !isRole(named?.role)) throw new Error('BENCH_CALLER must name the caller: {"userId", "organizationId", "role", "sessionId"}');
  return { userId, organizationId, role: named.role, sessionId };
})();
const caller = (): Caller => ({ ...fixed, requestId: randomUUID(), sourceIp: '127.0.0.1' });

export async function signedHeaderFor(url: string, body: string, method = 'POST'): Promise<[string, string]> {
  const audience = names[url];
  if (!audience) throw new Error(`not a subgraph: ${url}`);
  return [CONTEXT_HEADER, signCallerContext(signingKey, caller(), { audience, method, path: requestPath(url), body })];
}

export const signingFetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
  const body = typeof init.body === 'string' ? init.body : '';
  const headers = new Headers(init.headers);
  headers.set(...(await signedHeaderFor(url, body, init.method ?? 'GET')));
  return fetch(url, { ...init, headers });
};

/** The supergraph with the subgraphs' local addresses in place of the compose host names. */
export async function localSupergraph(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { SUPERGRAPH_PATH } = await import('../../schema/compose.ts');
  return readFileSync(SUPERGRAPH_PATH, 'utf8')
    .replace('http://identity:4001/graphql', process.env.IDENTITY_URL!)
    .replace('http://credentials:4002/graphql', process.env.CREDENTIALS_URL!)
    .replace('http://audit:4003/graphql', process.env.AUDIT_URL!);
}
