// credentials.verification_checks: one answer of one primary source about one credential, as it
// was given. A check never changes (the credentials service only reads it; the worker writes it
// once, and the data key rotation re-encrypts its evidence under a new data key version). The
// response itself is kept encrypted (an encrypted column, bound to this row) beside its SHA-256.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, everyRow, ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { encrypted } from '../../../platform/field-encryption/encrypted-properties.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Credential } from './credential.entity.ts';
import { VISIBLE_CREDENTIAL } from './scope.ts';

export const CHECK_RESULTS = ['VERIFIED', 'MISMATCH', 'NOT_FOUND', 'EXCLUDED', 'SOURCE_UNAVAILABLE', 'MANUAL'] as const;

export const VerificationCheckSchema = defineEntity({
  name: 'VerificationCheck',
  schema: 'credentials',
  tableName: 'verification_checks',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    credential: () => p.manyToOne(Credential),
    workflowRunId: p.text().check('length(workflow_run_id) >= 1 and length(workflow_run_id) <= 100'),
    source: p.text().check(`source ~ '^[A-Z][A-Z_]{1,39}$'`),
    result: p.enum([...CHECK_RESULTS]),
    /** Which field and why only ({field, code}); the values compared are in the evidence. */
    problems: p.json().defaultRaw(`'[]'::jsonb`),
    evidence: encrypted().nullable(),
    evidenceSha256: p.blob().nullable().check('evidence_sha256 is null or length(evidence_sha256) = 32'),
    evidenceContentType: p.text().nullable().check('length(evidence_content_type) <= 100'),
    evidenceUrl: p.text().nullable().check('length(evidence_url) <= 2000'),
    checkedAt: p.datetime().defaultRaw('now()'),
  },
  checks: [{ name: 'verification_checks_evidence_digest', expression: '(evidence is null) = (evidence_sha256 is null)' }],
  indexes: [{ name: 'verification_checks_credential', properties: ['credential', 'checkedAt'] }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}` },
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class VerificationCheck extends VerificationCheckSchema.class {}
VerificationCheckSchema.setClass(VerificationCheck);

export const verificationCheckGrants: TableGrants = {
  table: 'credentials.verification_checks',
  roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
