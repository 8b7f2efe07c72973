// audit.anomaly_cursors: how far the anomaly detectors have read each organization's chain. The
// worker moves a cursor in the transaction that writes the alerts of the events it passed, so an
// event is read again (never skipped) when a scan fails, and its alerts are not written twice.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const AnomalyCursorSchema = defineEntity({
  name: 'AnomalyCursor',
  schema: 'audit',
  tableName: 'anomaly_cursors',
  properties: {
    organizationId: p.uuid().primary(),
    seq: p.bigint('number'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  rowLevelSecurity: 'force',
  policies: [everyRow('worker_reads_on', R.worker), ownerMaintains],
});

export class AnomalyCursor extends AnomalyCursorSchema.class {}
AnomalyCursorSchema.setClass(AnomalyCursor);

export const anomalyCursorGrants: TableGrants = { table: 'audit.anomaly_cursors', roles: { [R.worker]: ['select', 'insert', 'update'] } };
