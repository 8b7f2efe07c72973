// Composes the subgraph SDLs in this folder into the supergraph the gateway executes, and the
// client schema frontend teams read: the same graph without federation's types and directives.
// The URLs written into the supergraph are the docker-compose service names; the gateway
// replaces them with IDENTITY_URL, CREDENTIALS_URL and AUDIT_URL at start.
import { readFileSync } from 'node:fs';
import { buildASTSchema, GraphQLError, parse, printSchema, type DocumentNode } from 'graphql';
import { composeServices, compositionHasErrors, transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config.ts';

export const SUPERGRAPH_PATH = new URL('./supergraph.graphql', import.meta.url);
export const CLIENT_SCHEMA_PATH = new URL('./client.graphql', import.meta.url);

const CLIENT_SCHEMA_HEADER = `# The Credence graph as clients see it through the gateway: every type, field and argument a
# query may use, without federation's own types and directives. Written by \`npm run compose\`
# from the subgraph schemas; breaking changes are listed in CHANGELOG.md.
`;

export function subgraphSdl(name: SubgraphName): string {
  return readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8');
}

export class CompositionError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The subgraph schemas do not compose:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
    this.problems = problems;
  }
}

function parseSubgraph(name: SubgraphName, sdl: string): DocumentNode {
  try {
    return parse(sdl, { noLocation: false });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const at = error.locations?.[0];
    throw new CompositionError([`[SYNTAX_ERROR] ${name}.graphql${at ? ` line ${at.line}, column ${at.column}` : ''}: ${error.message}`]);
  }
}

export function composeSupergraph(sdls: Record<SubgraphName, string> = readAllSubgraphs()): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://${name}:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parseSubgraph(name, sdls[name]),
    })),
  );
  if (compositionHasErrors(result)) {
    throw new CompositionError(
      result.errors.map((error) => {
        const code = typeof error.extensions?.code === 'string' ? `[${error.extensions.code}] ` : '';
        return `${code}${error.message}`;
      }),
    );
  }
  return `${result.supergraphSdl.trim()}\n`;
}

export function readAllSubgraphs(): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphSdl(name)])) as Record<SubgraphName, string>;
}

/** The schema a client of the gateway sees (the supergraph's API schema), printed as SDL. */
export function clientSchema(supergraphSdl: string = composeSupergraph()): string {
  const api = buildASTSchema(transformSupergraphToPublicSchema(parse(supergraphSdl)));
  return `${CLIENT_SCHEMA_HEADER}\n${printSchema(api)}\n`;
}
