// What the incident suites share: the real worker on a task queue of its own (the test stack's
// activity dependencies, a Temporal client for its sweep), the audit subgraph on a free port
// starting incidents' workflows on that queue, and reads of what the workflows write.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, type Connection } from '@temporalio/client';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { createAuditSubgraph } from '../../subgraphs/audit/subgraph.ts';
import { createWorker } from '../../workflows/worker.ts';
import { testActivityDeps, testStack } from './stack.ts';
import { subgraphClient } from './subgraph-client.ts';

const silent = createLogger({ service: 'test', level: 'silent' });

/** The real worker polling `taskQueue` (a new one unless given: a restarted worker takes the same). */
export async function startIncidentWorker(orm: MikroORM, connection: Connection, taskQueue = `test-incidents-${randomUUID()}`) {
  const base = await testActivityDeps(orm);
  const deps = { ...base, verification: { ...base.verification, client: new Client({ connection }), taskQueue } };
  const { worker, connection: workerConnection } = await createWorker({ temporal: { address: testStack().temporalAddress, namespace: 'default', taskQueue }, deps, logger: silent });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await workerConnection.close();
    },
  };
}

/** The audit subgraph (the test stack's configuration, `env` on top) on a free port, and a client that signs as the gateway. */
export async function startAuditSubgraph(env: Record<string, string>) {
  const config = loadConfig('audit', { ...testStack().serviceEnv.audit, NODE_ENV: 'test', ...env });
  const orm = await openDatabase({ url: config.databaseUrl, logger: silent });
  const deps = { config, logger: silent, orm, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createAuditSubgraph(deps);
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  const server: Server = await listen(app, '127.0.0.1', port, 'audit');
  return {
    call: subgraphClient(`http://127.0.0.1:${port}/graphql`, 'audit'),
    async close() {
      await closeServer(server);
      await definition.close?.();
      await orm.close();
    },
  };
}

export interface ObligationRow { key: string; status: string; due_at: string; not_before: string | null; met_at: string | null; met_how: string | null; reminded_lead_hours: number | null }

/** An incident's obligations as stored, by key. */
export async function obligationsOf(orm: MikroORM, incidentId: string): Promise<Record<string, ObligationRow>> {
  const rows = await orm.em.fork().execute<ObligationRow[]>(
    `select key, status, to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at, to_char(not_before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as not_before,
            met_at::text, met_how, reminded_lead_hours from audit.incident_obligations where incident_id = ? order by key`, [incidentId]);
  return Object.fromEntries(rows.map((row) => [row.key, row]));
}

export async function mailOf(orm: MikroORM, organizationId: string, template: string) {
  return orm.em.fork().execute<{ recipient: string; parameters: Record<string, unknown> }[]>(
    `select recipient, parameters from mail.outbox where organization_id = ? and template = ? order by created_at, recipient`, [organizationId, template]);
}

export async function incidentAudit(orm: MikroORM, organizationId: string) {
  const rows = await orm.em.fork().execute<{ action: string; resource_type: string; reason: string | null; actor_id: string | null }[]>(
    `select action, resource_type, reason, actor_id from audit.events where organization_id = ? and resource_type like 'Incident%' order by seq`, [organizationId]);
  return rows;
}
