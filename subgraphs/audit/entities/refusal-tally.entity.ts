// audit.refusal_tallies: refusals anyone can provoke at will, counted per minute, organization,
// address (IPv6 by /64), action, resource type and reason; written and flushed only by the
// SECURITY DEFINER functions record_refusal and flush_refusal_tallies, so no service role holds a
// privilege on it.
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const RefusalTallySchema = defineEntity({
  name: 'RefusalTally',
  schema: 'audit',
  tableName: 'refusal_tallies',
  properties: {
    organizationId: p.uuid().primary(),
    address: p.text().primary(),
    minute: p.datetime().primary(),
    action: p.text().primary(),
    resourceType: p.text().primary(),
    reason: p.text().primary(),
    refused: p.integer().default(1),
  },
  primaryKeys: ['organizationId', 'address', 'minute', 'action', 'resourceType', 'reason'],
  rowLevelSecurity: 'force',
  policies: [ownerMaintains],
});

export class RefusalTally extends RefusalTallySchema.class {}
RefusalTallySchema.setClass(RefusalTally);

export const refusalTallyGrants: TableGrants = { table: 'audit.refusal_tallies', roles: {} };
