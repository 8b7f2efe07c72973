// Resolver types generated from each subgraph's SDL (GraphQL Code Generator, typescript-resolvers
// with federation): every resolver map is typed by them, `__resolveReference` included.
// `npm run codegen` (or `npm run compose`) writes schema/generated/; codegen.test.ts fails while a
// generated file is stale, and `npm run typecheck` checks every resolver map against them.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { Kind, parse, type TypeNode } from 'graphql';
import type { CodegenConfig } from '@graphql-codegen/cli';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as typescriptResolversPlugin from '@graphql-codegen/typescript-resolvers';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config.ts';
import { readAllSubgraphs } from './compose.ts';

/** The generated types of one subgraph, beside the SDL they are generated from. */
export function resolverTypesPath(name: SubgraphName): URL {
  return new URL(`./generated/${name}-resolvers.ts`, import.meta.url);
}

const PLUGINS: Record<string, Awaited<ReturnType<NonNullable<CodegenConfig['pluginLoader']>>>> = {
  '@graphql-codegen/typescript': typescriptPlugin,
  '@graphql-codegen/typescript-resolvers': typescriptResolversPlugin,
};

/** Custom scalars (platform/scalars.ts): what a resolver receives as input and may return. */
const SCALARS = {
  DateTime: { input: 'Date', output: 'Date | string' },
  Date: { input: 'string', output: 'string | Date' },
  JSONObject: { input: 'never', output: 'Record<string, unknown>' },
};

/**
 * A mutation's resolver returns its result; platform/mutation-payloads.ts puts it in the payload
 * with its userErrors. So each payload type is mapped to the type of its result field.
 */
export function payloadMappers(sdl: string): Record<string, string> {
  const mappers: Record<string, string> = {};
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !definition.name.value.endsWith('Payload')) continue;
    const result = definition.fields?.find((field) => field.name.value !== 'userErrors');
    if (result) mappers[definition.name.value] = resolverType(result.type);
  }
  return mappers;
}

function resolverType(type: TypeNode, nullable = true): string {
  if (type.kind === Kind.NON_NULL_TYPE) return resolverType(type.type, false);
  const inner = type.kind === Kind.LIST_TYPE ? `Array<${resolverType(type.type)}>` : `ResolversTypes['${type.name.value}']`;
  return nullable ? `Maybe<${inner}>` : inner;
}

/**
 * Where a resolver returns an internal view rather than the GraphQL type, the view is the parent
 * its field resolvers receive. Paths are relative to schema/generated/.
 */
const MAPPERS: Record<SubgraphName, Record<string, string>> = {
  identity: {
    LoginResult: '../../subgraphs/identity/authentication.ts#LoginResult',
    Membership: '../../subgraphs/identity/views.ts#MembershipView',
    MembershipConnection: '../../subgraphs/identity/organizations.ts#MembershipConnectionView',
    InvitationConnection: '../../subgraphs/identity/organizations.ts#InvitationConnectionView',
    Viewer: '../../subgraphs/identity/account.ts#Viewer',
    Invitation: '../../subgraphs/identity/organizations.ts#InvitationView',
    OrganizationOffboarding: '../../subgraphs/identity/offboarding.ts#OrganizationOffboardingView',
    OrganizationExport: '../../subgraphs/identity/organization-export.ts#OrganizationExportView',
    SupportAccessGrant: '../../subgraphs/identity/support-access.ts#SupportAccessGrantView',
  },
  credentials: {
    Physician: '../../subgraphs/credentials/physicians.ts#PhysicianView',
    PhysicianConnection: '../../subgraphs/credentials/physicians.ts#PhysicianConnectionView',
    Affiliation: '../../subgraphs/credentials/physicians.ts#AffiliationView',
    Credential: '../../subgraphs/credentials/credential-records.ts#CredentialView',
    Document: '../../subgraphs/credentials/documents.ts#DocumentView',
    CredentialVerification: '../../subgraphs/credentials/verifications.ts#CredentialVerificationView',
    VerificationReview: '../../subgraphs/credentials/verifications.ts#VerificationReviewView',
    VerificationCheck: '../../subgraphs/credentials/verifications.ts#VerificationCheckView',
    ExclusionMatch: '../../subgraphs/credentials/exclusions.ts#ExclusionMatchView',
    Credentialing: '../../subgraphs/credentials/credentialing.ts#CredentialingView',
    MonitoringAlert: '../../subgraphs/credentials/credentialing.ts#MonitoringAlertView',
  },
  audit: {
    User: '../../platform/subgraph-server.ts#EntityReference',
    Credential: '../../platform/subgraph-server.ts#EntityReference',
    AuditEvent: '../../subgraphs/audit/resolvers.ts#AuditEventView',
    Incident: '../../subgraphs/audit/incidents.ts#IncidentView',
    IncidentConnection: '../../subgraphs/audit/incidents.ts#IncidentConnectionView',
    SecurityAlert: '../../subgraphs/audit/security-alerts.ts#SecurityAlertView',
  },
};

const HEADER = (name: SubgraphName) =>
  `// Generated from schema/${name}.graphql by \`npm run codegen\` (schema/codegen.ts): do not edit.\n`;

export function codegenConfig(sdls: Record<SubgraphName, string>): CodegenConfig {
  return {
    silent: true,
    // The plugins imported above, not loaded by name at run time (which jest's module loader cannot do).
    pluginLoader: (name: string) => {
      const plugin = PLUGINS[name];
      if (!plugin) throw Object.assign(new Error(`no plugin ${name}`), { code: 'MODULE_NOT_FOUND' });
      return plugin;
    },
    generates: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [
        fileURLToPath(resolverTypesPath(name)),
        {
          schema: sdls[name],
          plugins: ['typescript', 'typescript-resolvers'],
          config: {
            federation: true,
            contextType: '../../platform/subgraph-server.ts#SubgraphContext',
            useTypeImports: true,
            enumsAsTypes: true,
            scalars: SCALARS,
            mappers: { ...MAPPERS[name], ...payloadMappers(sdls[name]) },
            mapperTypeSuffix: 'Model',
          },
        },
      ]),
    ),
  };
}

/** The resolver types generated from the subgraph SDLs (those in this folder unless given), by subgraph. */
export async function generateResolverTypes(sdls: Record<SubgraphName, string> = readAllSubgraphs()): Promise<Record<SubgraphName, string>> {
  // generate() is typed any: with `false` (do not write) it answers the generated files.
  const files = (await generate(codegenConfig(sdls), false)) as { filename: string; content: string }[];
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const file = files.find((generated) => generated.filename === fileURLToPath(resolverTypesPath(name)));
      if (!file) throw new Error(`GraphQL Code Generator wrote nothing for the ${name} subgraph`);
      return [name, `${HEADER(name)}${file.content}`];
    }),
  ) as Record<SubgraphName, string>;
}

export async function writeResolverTypes(): Promise<URL[]> {
  const generated = await generateResolverTypes();
  return SUBGRAPH_NAMES.map((name) => {
    writeFileSync(resolverTypesPath(name), generated[name]);
    return resolverTypesPath(name);
  });
}
