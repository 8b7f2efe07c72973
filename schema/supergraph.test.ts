import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { CompositionError, composeSupergraph, SUPERGRAPH_PATH, subgraphSdl } from './compose.ts';

describe('supergraph', () => {
  it('is up to date with the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
  });

  it('reports composition errors readably, one line each with its code', () => {
    const conflicting = `${subgraphSdl('audit')}\ntype PasswordPolicy { minLength: String! }\n`;
    let error: unknown;
    try {
      composeSupergraph({ identity: subgraphSdl('identity'), credentials: subgraphSdl('credentials'), audit: conflicting });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as Error).message).toMatch(/^The subgraph schemas do not compose:\n {2}- \[[A-Z_]+\] .*PasswordPolicy/m);
  });

  it('names the subgraph, line and column of a schema that does not parse', () => {
    const broken = subgraphSdl('audit').replace('enum AuditOutcome {', 'enum AuditOutcome {{');
    expect(() => composeSupergraph({ identity: subgraphSdl('identity'), credentials: subgraphSdl('credentials'), audit: broken })).toThrow(
      expect.objectContaining({ name: 'CompositionError', problems: [expect.stringMatching(/^\[SYNTAX_ERROR\] audit\.graphql line \d+, column \d+: Syntax Error: /)] }),
    );
  });
});
