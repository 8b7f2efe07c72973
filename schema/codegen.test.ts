import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { generateResolverTypes, resolverTypesPath } from './codegen.ts';
import { readAllSubgraphs } from './compose.ts';

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
});
