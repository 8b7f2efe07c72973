// audit.chain_heads: each organization's last sequence number and hash, written only by the
// chain_event trigger (as the table owner). No row-level security: no service role writes it,
// and the worker reads every organization's head.
import { defineEntity, p } from '@mikro-orm/core';
import { R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const ChainHeadSchema = defineEntity({
  name: 'ChainHead',
  schema: 'audit',
  tableName: 'chain_heads',
  properties: {
    organizationId: p.uuid().primary(),
    seq: p.bigint('number'),
    hash: p.blob(),
  },
});

export class ChainHead extends ChainHeadSchema.class {}
ChainHeadSchema.setClass(ChainHead);

export const chainHeadGrants: TableGrants = { table: 'audit.chain_heads', roles: { [R.worker]: ['select'] } };
