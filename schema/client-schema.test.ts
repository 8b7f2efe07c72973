import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, isObjectType } from 'graphql';
import { CLIENT_SCHEMA_PATH, clientSchema, composeSupergraph, readAllSubgraphs } from './compose.ts';

describe('client schema', () => {
  it('is up to date with the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(readFileSync(CLIENT_SCHEMA_PATH, 'utf8')).toBe(clientSchema());
  });

  it('holds every root field of the subgraphs and none of federation\'s types, fields or directives', () => {
    const text = readFileSync(CLIENT_SCHEMA_PATH, 'utf8');
    const schema = buildSchema(text);
    expect(Object.keys(schema.getTypeMap()).filter((name) => /^(join__|link__|_[^_])/.test(name))).toEqual([]);
    expect(schema.getDirectives().map((directive) => directive.name).sort()).toEqual(['deprecated', 'include', 'oneOf', 'skip', 'specifiedBy']);
    expect(text).not.toMatch(/@(join__|link|key|shareable|inaccessible)\b/);
    const queryFields = Object.keys(schema.getQueryType()!.getFields());
    expect(queryFields).not.toContain('_entities');
    expect(queryFields).not.toContain('_service');
    const subgraphRootFields = Object.values(readAllSubgraphs()).flatMap((sdl) => {
      const subgraph = buildSchema(sdl.replace(/^extend schema @link\(.*\)$/m, '').replace(/@\w+(\([^)]*\))?/g, ''), { assumeValid: true });
      return ['Query', 'Mutation'].flatMap((root) => {
        const type = subgraph.getType(root);
        return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${root}.${field}`) : [];
      });
    });
    const clientRootFields = [...queryFields.map((field) => `Query.${field}`), ...Object.keys(schema.getMutationType()!.getFields()).map((field) => `Mutation.${field}`)];
    expect(clientRootFields.sort()).toEqual(subgraphRootFields.sort());
  });

  it('follows the SDL, so an SDL edit without `npm run compose` fails the check above', () => {
    const sdls = readAllSubgraphs();
    const edited = clientSchema(composeSupergraph({ ...sdls, audit: `${sdls.audit}\nextend type Query { "A note." auditNote: String }\n` }));
    expect(edited).toContain('"""A note."""\n  auditNote: String');
    expect(edited).not.toBe(readFileSync(CLIENT_SCHEMA_PATH, 'utf8'));
  });
});
