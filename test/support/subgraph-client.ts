// Calls a subgraph as the gateway would, with a signed caller context: how tests play each role.
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import type { Caller, Role } from '../../platform/caller.ts';
import type { SubgraphName } from '../../platform/config.ts';
import { CONTEXT_HEADER, requestPath, signCallerContext } from '../../platform/service-signing.ts';
import { testStack } from './stack.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string } & Record<string, unknown> }[];
}

export function callerFor(role: Role | null, organizationId: string | null, userId: string | null = randomUUID()): Caller {
  return { userId: role ? userId : null, organizationId, role, sessionId: role ? randomUUID() : null, requestId: randomUUID(), sourceIp: '203.0.113.10' };
}

/** The gateway's context signing key on the test stack: tests that play the gateway sign with it. */
export function gatewaySigningKey(): KeyObject {
  return createPrivateKey({ key: Buffer.from(testStack().serviceEnv.gateway.CONTEXT_SIGNING_KEY!, 'base64'), format: 'der', type: 'pkcs8' });
}

export function subgraphClient(url: string, audience: SubgraphName, signingKey: KeyObject = gatewaySigningKey()) {
  const path = requestPath(url);
  return async function call<T = Record<string, unknown>>(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signCallerContext(signingKey, caller, { audience, method: 'POST', path, body }) },
      body,
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}
