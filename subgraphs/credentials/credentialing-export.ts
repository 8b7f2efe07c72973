// The credentialing file, exported for the committee and for an NCQA file audit: the current
// cycle and its decisions, every credential with its status, dates, the checks of its latest
// verification (source, result, when, evidence digest) and its reviews (decision, reviewer,
// when), the exclusion screening and the monitoring alerts. Read as the caller, stored sealed with
// a key of its own that only its signed link carries (sealed-files.ts), handed out by the gateway
// for 15 minutes, audited as an EXPORT. Credential numbers, dates of birth and SSNs stay out
// (minimum necessary: the file audit checks verifications, not numbers).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { renderPdf, type PdfSection } from '../../platform/documents/pdf.ts';
import { AppError } from '../../platform/errors.ts';
import { newFileKey, sealedFolder, sealFile } from '../../platform/field-encryption/sealed-files.ts';
import { isUuid } from '../../platform/ids.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { credentialingOf, type CredentialingView } from './credentialing.ts';
import { Credential, CredentialingExport, ExclusionMatch, MonitoringAlert, Physician, PhysicianScreening, VerificationReview } from './entities/index.ts';
import { notVisible, type CredentialsService } from './service.ts';

export const CREDENTIALING_EXPORT_LINK_MINUTES = 15;
export type CredentialingFileFormat = 'JSON' | 'PDF';

export interface CredentialingFileDocument {
  format: 'credence-credentialing-file';
  version: 1;
  exportedAt: string;
  organizationId: string;
  physician: { id: string; givenName: string; familyName: string; npi: string };
  credentialing: CredentialingView;
  credentials: {
    id: string; type: string; issuer: string; state: string | null; issuedOn: string | null; expiresOn: string | null; status: string; verifiedAt: string | null;
    checks: { source: string; result: string; checkedAt: string; problems: { field: string; code: string }[]; evidenceSha256: string | null }[];
    reviews: { reasons: string[]; openedAt: string; decision: string | null; reasonCode: string | null; decidedBy: string | null; decidedAt: string | null }[];
  }[];
  exclusionScreening: { status: string; screenedAt: string | null; listsAsOf: Record<string, string>; openMatches: { list: string; matchedBy: string; excludedOn: string | null; foundAt: string }[] };
  monitoringAlerts: { list: string; matchedBy: string; raisedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null; acknowledgeReason: string | null }[];
}

async function readDocument(em: EntityManager, organizationId: string, physicianId: string, credentialing: CredentialingView): Promise<CredentialingFileDocument> {
  const physician = await em.findOne(Physician, { id: physicianId }, { fields: ['givenName', 'familyName', 'npi'] });
  const credentials = await em.find(
    Credential,
    { physician: physicianId, removedAt: null },
    { fields: ['type', 'issuer', 'state', 'issuedOn', 'expiresOn', 'status', 'verifiedAt'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  // Raw SQL: the checks of each credential's latest verification run (a correlated subquery).
  const checks = await em.execute<{ credential_id: string; source: string; result: string; checked_at: string; problems: { field: string; code: string }[]; evidence_sha256: Buffer | null }[]>(
    `select v.credential_id, v.source, v.result, ${isoTimestamp('v.checked_at')} as checked_at, v.problems, v.evidence_sha256
       from credentials.verification_checks v join credentials.credentials c on c.id = v.credential_id
      where c.physician_id = ? and v.workflow_run_id = (select w.workflow_run_id from credentials.verification_checks w where w.credential_id = v.credential_id order by w.checked_at desc limit 1)
      order by v.checked_at, v.source`, [physicianId]);
  const reviews = await em.find(VerificationReview, { credential: { physician: physicianId } }, { orderBy: { openedAt: 'asc', id: 'asc' } });
  const screening = await em.findOne(PhysicianScreening, { physician: physicianId });
  const matches = await em.find(ExclusionMatch, { physician: physicianId, clearedAt: null }, { orderBy: { foundAt: 'asc', id: 'asc' } });
  const alerts = await em.find(MonitoringAlert, { physician: physicianId }, { orderBy: { raisedAt: 'asc', id: 'asc' } });
  const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
  return {
    format: 'credence-credentialing-file',
    version: 1,
    exportedAt: new Date().toISOString(),
    organizationId,
    physician: { id: physician!.id, givenName: physician!.givenName, familyName: physician!.familyName, npi: physician!.npi },
    credentialing,
    credentials: credentials.map((row) => ({
      id: row.id, type: row.type, issuer: row.issuer, state: row.state ?? null, issuedOn: row.issuedOn ?? null, expiresOn: row.expiresOn ?? null, status: row.status, verifiedAt: iso(row.verifiedAt),
      checks: checks.filter((check) => check.credential_id === row.id).map((check) => ({
        source: check.source, result: check.result, checkedAt: check.checked_at, problems: check.problems.map(({ field, code }) => ({ field, code })),
        evidenceSha256: check.evidence_sha256 ? check.evidence_sha256.toString('hex') : null,
      })),
      reviews: reviews.filter((review) => review.credential.id === row.id && review.decision !== 'SUPERSEDED').map((review) => ({
        reasons: review.reasons, openedAt: review.openedAt.toISOString(), decision: review.decision ?? null, reasonCode: review.reasonCode ?? null, decidedBy: review.decidedBy ?? null,
        decidedAt: iso(review.decidedAt),
      })),
    })),
    exclusionScreening: {
      status: screening?.status ?? 'NOT_SCREENED', screenedAt: iso(screening?.screenedAt), listsAsOf: screening?.listsAsOf ?? {},
      openMatches: matches.map((match) => ({ list: match.list, matchedBy: match.matchedBy, excludedOn: match.excludedOn ?? null, foundAt: match.foundAt.toISOString() })),
    },
    monitoringAlerts: alerts.map((alert) => ({
      list: alert.list, matchedBy: alert.matchedBy, raisedAt: alert.raisedAt.toISOString(), acknowledgedAt: iso(alert.acknowledgedAt), acknowledgedBy: alert.acknowledgedBy ?? null,
      acknowledgeReason: alert.acknowledgeReason ?? null,
    })),
  };
}

/** The same file, laid out for people (platform/documents/pdf.ts). */
export function credentialingFilePdf(document: CredentialingFileDocument): Promise<Buffer> {
  const file = document.credentialing;
  const sections: PdfSection[] = [
    {
      heading: 'Credentialing cycle',
      blocks: [{
        kind: 'rows',
        rows: [
          ['Cycle', `${file.cycleNumber} (${file.kind.toLowerCase()})`], ['Status', file.status], ['Cycle started', file.cycleStartedAt], ['Ready since', file.readySince ?? ''],
          ['Decision', file.decision ?? ''], ['Reason code', file.reasonCode ?? ''], ['Decided at', file.decidedAt ?? ''], ['Decided by', file.decidedBy ?? ''],
          ['Re-credentialing due', file.recredentialingDueAt ?? ''], ['Oldest verification', file.oldestVerificationAgeDays === null ? '' : `${file.oldestVerificationAgeDays} days (limit ${file.maxVerificationAgeDays})`],
          ['Blockers', file.blockers.join(', ')],
        ],
      }, {
        kind: 'table', columns: ['Decision', 'Reason code', 'Decided at', 'Decided by', 'Role'],
        rows: file.decisions.map((decision) => [decision.decision, decision.reasonCode, decision.decidedAt, decision.decidedBy, decision.decidedByRole]),
      }],
    },
    ...document.credentials.map((credential): PdfSection => ({
      heading: `${credential.type.toLowerCase().replaceAll('_', ' ')}${credential.state ? ` (${credential.state})` : ''}`,
      blocks: [
        { kind: 'rows', rows: [['Issuer', credential.issuer], ['Issued', credential.issuedOn ?? ''], ['Expires', credential.expiresOn ?? ''], ['Status', credential.status], ['Verified at', credential.verifiedAt ?? '']] },
        { kind: 'table', columns: ['Source', 'Result', 'Checked at', 'Evidence SHA-256'], rows: credential.checks.map((check) => [check.source, check.result, check.checkedAt, check.evidenceSha256 ?? '']) },
        ...(credential.reviews.length > 0
          ? [{ kind: 'table' as const, columns: ['Review reasons', 'Decision', 'Reason code', 'Reviewer', 'Decided at'], rows: credential.reviews.map((review) => [review.reasons.join(', '), review.decision ?? '', review.reasonCode ?? '', review.decidedBy ?? '', review.decidedAt ?? '']) }]
          : []),
      ],
    })),
    {
      heading: 'Sanctions and exclusions',
      blocks: [
        { kind: 'rows', rows: [['Screening', document.exclusionScreening.status], ['Screened at', document.exclusionScreening.screenedAt ?? ''], ...Object.entries(document.exclusionScreening.listsAsOf).map(([list, at]): [string, string] => [`${list} as of`, at])] },
        { kind: 'table', columns: ['List', 'Matched by', 'Excluded on', 'Found at'], rows: document.exclusionScreening.openMatches.map((match) => [match.list, match.matchedBy, match.excludedOn ?? '', match.foundAt]) },
        { kind: 'table', columns: ['Monitoring alert', 'Matched by', 'Raised at', 'Acknowledged'], rows: document.monitoringAlerts.map((alert) => [alert.list, alert.matchedBy, alert.raisedAt, alert.acknowledgedAt ? `${alert.acknowledgedAt} (${alert.acknowledgeReason})` : '']) },
      ],
    },
  ];
  return renderPdf({
    title: 'Credentialing file',
    subtitle: `${document.physician.givenName} ${document.physician.familyName}, NPI ${document.physician.npi}; exported ${document.exportedAt}`,
    sections,
    createdAt: new Date(document.exportedAt),
  });
}

/** exportCredentialingFile: the file as JSON or PDF behind a signed link, audited; the organization's expired exports are deleted first. */
export async function exportCredentialingFile(service: CredentialsService, caller: Caller, physicianId: string, format: CredentialingFileFormat): Promise<{ url: string; expiresAt: Date; format: CredentialingFileFormat }> {
  if (format !== 'JSON' && format !== 'PDF') throw new AppError('BAD_USER_INPUT', 'format must be JSON or PDF', { field: 'format' });
  const credentialing = isUuid(physicianId) ? await credentialingOf(service, caller, physicianId) : null;
  if (!credentialing) throw await notVisible(service, caller, 'Physician', physicianId);
  const organizationId = caller.organizationId!;
  const expired = await runAsCaller(service.orm, caller, (em) =>
    // Raw SQL: the ORM's delete returns no columns, and the storage keys of the rows it deleted are
    // what the sweep removes.
    em.execute<{ storage_key: string }[]>(`delete from credentials.credentialing_exports where organization_id = ? and expires_at <= now() returning storage_key`, [organizationId]));
  for (const { storage_key: key } of expired) await service.storage.remove(key);

  const contentKey = newFileKey();
  const expiresAt = new Date(Date.now() + CREDENTIALING_EXPORT_LINK_MINUTES * 60_000);
  let stored: string | null = null;
  try {
    await runAsCaller(service.orm, caller, async (em) => {
      const document = await readDocument(em, organizationId, physicianId, credentialing);
      const body = format === 'JSON' ? Buffer.from(`${JSON.stringify(document, null, 2)}\n`) : await credentialingFilePdf(document);
      const { key } = await service.storage.write(sealedFolder('credentialing_file', organizationId), format === 'JSON' ? 'json' : 'pdf',
        sealFile(contentKey, { organizationId, kind: 'credentialing_file' }, (async function* () { yield body; })()));
      stored = key;
      await em.insert(CredentialingExport, { id: randomUUID(), organization: organizationId, physician: physicianId, format, storageKey: key, requestedBy: caller.userId!, expiresAt });
      await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'CredentialingFile', resourceId: physicianId, outcome: 'SUCCESS', reason: `format:${format.toLowerCase()}` });
    });
  } catch (error) {
    // Nothing stored is left behind without its row (which the sweep deletes it by).
    if (stored) await service.storage.remove(stored);
    throw error;
  }
  const { publicUrl, urlSigningSecret } = service.config.downloads;
  return { url: signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key: stored!, expiresAt, contentKey }), expiresAt, format };
}
