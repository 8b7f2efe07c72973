// audit.chain_anchors: after a retention purge, where an organization's remaining chain starts
// (the last purged event, which a signed checkpoint covers).
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const ChainAnchorSchema = defineEntity({
  name: 'ChainAnchor',
  schema: 'audit',
  tableName: 'chain_anchors',
  properties: {
    organizationId: p.uuid().primary(),
    seq: p.bigint('number'),
    hash: p.blob(),
    purgedAt: p.datetime(),
  },
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), ownerMaintains, readsEveryRow('worker_verifies', R.worker)],
});

export class ChainAnchor extends ChainAnchorSchema.class {}
ChainAnchorSchema.setClass(ChainAnchor);

export const chainAnchorGrants: TableGrants = { table: 'audit.chain_anchors', roles: { [R.audit]: ['select'], [R.worker]: ['select'] } };
