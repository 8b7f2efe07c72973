// The credentials subgraph, assembled: field encryption from the configured key provider, the
// resolvers, and the document upload and download routes that the gateway forwards.
import { Client, Connection } from '@temporalio/client';
import type { CredentialsConfig } from '../../platform/config.ts';
import { createFieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../../platform/field-encryption/key-provider.ts';
import type { SubgraphDefinition, SubgraphDeps } from '../../platform/subgraph-server.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import { receiveUpload, sendDownload } from './documents.ts';
import { credentialsResolvers } from './resolvers.ts';
import type { CredentialsService } from './service.ts';

export async function createCredentialsSubgraph(deps: SubgraphDeps): Promise<SubgraphDefinition & { service: CredentialsService }> {
  const config = deps.config as CredentialsConfig;
  if (!config.keyEncryption) throw new Error('The credentials subgraph needs the credentials configuration (loadConfig("credentials"))');
  const service: CredentialsService = {
    config,
    orm: deps.orm,
    logger: deps.logger,
    storage: deps.storage,
    encryption: createFieldEncryption(keyProviderFromConfig(config.keyEncryption)),
    // Connected on the first decision, so the subgraph starts (and serves reads) while Temporal is down.
    verificationWorkflows: { client: new Client({ connection: Connection.lazy({ address: config.temporal.address }), namespace: config.temporal.namespace }) },
  };
  return {
    service,
    typeDefs: subgraphSdl('credentials'),
    resolvers: credentialsResolvers(service),
    close: () => service.verificationWorkflows?.client.connection.close() ?? Promise.resolve(),
    fileRoutes: {
      documents: {
        maxBytes: config.documents.maxBytes,
        put: (id, query, body, context) => receiveUpload(service, id, query, body, context),
        get: (id, query, context) => sendDownload(service, id, query, context),
      },
    },
  };
}
