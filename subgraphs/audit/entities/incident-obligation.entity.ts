// audit.incident_obligations: each notice an incident requires, with its deadline from the
// deadline engine and where it stands. Written at declaration (so the answer shows them) and
// kept current by the breach-notification workflow; a recomputation keeps each key's row.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { OBLIGATION_KINDS } from '../../../domain/breach-notification/obligations.ts';
import { NOTICE_METHODS, OBLIGATION_STATUSES } from '../../../workflows/breach-notification/codes.ts';
import { Incident } from './incident.entity.ts';

export const IncidentObligationSchema = defineEntity({
  name: 'IncidentObligation',
  schema: 'audit',
  tableName: 'incident_obligations',
  properties: {
    incident: () => p.manyToOne(Incident).primary(),
    /** The engine's stable key: `KIND` or `KIND:JURISDICTION`. */
    key: p.text().primary().check(`key ~ '^[A-Z_]{2,32}(:[A-Z]{2})?$'`),
    organizationId: p.uuid(),
    kind: p.enum([...OBLIGATION_KINDS]),
    jurisdiction: p.text().nullable().check(`jurisdiction ~ '^[A-Z]{2}$'`),
    dueAt: p.datetime(),
    notBefore: p.datetime().nullable(),
    rule: p.text().check('length(rule) <= 300'),
    note: p.text().nullable().check('length(note) <= 2000'),
    captured: p.boolean(),
    status: p.enum([...OBLIGATION_STATUSES]).default('PENDING'),
    metAt: p.datetime().nullable(),
    metHow: p.enum([...NOTICE_METHODS]).nullable(),
    evidenceDocumentId: p.uuid().nullable(),
    /** The last reminder sent, and how many hours before the due time it was (a retried send finds it sent). */
    remindedAt: p.datetime().nullable(),
    remindedLeadHours: p.integer().nullable(),
    escalatedAt: p.datetime().nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['incident', 'key'],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class IncidentObligation extends IncidentObligationSchema.class {}
IncidentObligationSchema.setClass(IncidentObligation);

export const incidentObligationGrants: TableGrants = { table: 'audit.incident_obligations', roles: { [R.audit]: ['select', 'insert'], [R.worker]: ['select', 'insert', 'update'] } };
