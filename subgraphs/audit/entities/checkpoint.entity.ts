// audit.checkpoints: signed statements of a chain's head at a sequence number.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, ownerMaintains, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { SigningKey } from './signing-key.entity.ts';

export const CheckpointSchema = defineEntity({
  name: 'Checkpoint',
  schema: 'audit',
  tableName: 'checkpoints',
  properties: {
    organizationId: p.uuid().primary(),
    seq: p.bigint('number').primary(),
    hash: p.blob(),
    signedAt: p.datetime(),
    signingKey: () => p.manyToOne(SigningKey).fieldName('key_id'),
    signature: p.blob(),
  },
  primaryKeys: ['organizationId', 'seq'],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), ownerMaintains, everyRow('worker_signs', R.worker)],
});

export class Checkpoint extends CheckpointSchema.class {}
CheckpointSchema.setClass(Checkpoint);

export const checkpointGrants: TableGrants = { table: 'audit.checkpoints', roles: { [R.audit]: ['select'], [R.worker]: ['select', 'insert'] } };
