import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { generateResolverTypes, resolverTypesPath } from './codegen.ts';
import { readAllSubgraphs } from './compose.ts';
import type { Resolvers as AuditResolvers } from './generated/audit-resolvers.ts';

describe('generated resolver types', () => {
  it('are up to date with the subgraph schemas (run `npm run codegen` when this fails)', async () => {
    const generated = await generateResolverTypes();
    for (const name of SUBGRAPH_NAMES) expect(readFileSync(resolverTypesPath(name), 'utf8')).toBe(generated[name]);
  });

  it('follow the SDL, so an SDL edit without `npm run codegen` fails the check above', async () => {
    const sdls = readAllSubgraphs();
    const edited = await generateResolverTypes({ ...sdls, audit: `${sdls.audit}\nextend type Query { auditNote: String }\n` });
    expect(edited.audit).toContain('auditNote?: Resolver<');
    expect(edited.audit).not.toBe(readFileSync(resolverTypesPath('audit'), 'utf8'));
    expect(edited.identity).toBe(readFileSync(resolverTypesPath('identity'), 'utf8'));
  });

  it('hold a resolver map to its SDL: a wrong answer or an argument the SDL does not have fails the typecheck', () => {
    const resolvers: AuditResolvers = {
      Query: {
        // @ts-expect-error auditEvents answers an AuditEventConnection, not text
        auditEvents: () => 'every event',
        verifyAuditChain: (_parent, args) => {
          // @ts-expect-error verifyAuditChain takes fromSequence and toSequence, no organization
          void args.organizationId;
          return null;
        },
      },
    };
    expect(Object.keys(resolvers.Query ?? {})).toEqual(['auditEvents', 'verifyAuditChain']);
  });
});
