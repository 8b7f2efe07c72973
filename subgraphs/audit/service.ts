// What every audit operation works with, built once per process: the database (the log, its
// checkpoints, incidents, retention settings), the storage that holds sealed exports and the
// download settings their signed links are made with, and the Temporal client that starts each
// incident's breach-notification workflow and hands it people's decisions, and each background
// audit job's workflow.
import type { Client } from '@temporalio/client';
import type { Caller } from '../../platform/caller.ts';
import type { SubgraphConfig } from '../../platform/config.ts';
import { runAsCaller, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Storage } from '../../platform/storage.ts';

export interface AuditService {
  config: Readonly<SubgraphConfig>;
  orm: MikroORM;
  logger: Logger;
  storage: Storage;
  /** Where incidents' breach-notification workflows and background audit jobs run; null: none (declarations and jobs are started by the worker's sweeps, decisions refused). */
  incidentWorkflows?: { client: Client; taskQueue: string } | null;
}

/**
 * Runs `work` as the caller in one transaction, with the caller's organization: for the
 * operations that the matrix grants only to callers in an organization, once `authorize` has.
 */
export function runInOrganization<T>(service: AuditService, caller: Caller, work: (em: EntityManager, organizationId: string) => Promise<T>): Promise<T> {
  return runAsCaller(service.orm, caller, (em) => work(em, caller.organizationId!));
}
