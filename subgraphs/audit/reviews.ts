// Post-incident reviews: the root cause as a code, a summary, remediation items with an owner and
// a due date tracked to done, and a PDF of it all for the affected parties, handed out through the
// signed download links of audit exports. People write the summary and the items, so what they
// write is bounded and screened for what looks like PHI (the screen catches identifiers, not names:
// the form says a review names no patient, and the text is never logged).
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { renderPdf, type PdfContent } from '../../platform/documents/pdf.ts';
import { badUserInput, conflict, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { writeSealedExport } from './exports.ts';
import { runInOrganization, type AuditService } from './service.ts';

export const SUMMARY_MAX = 2000;
export const TITLE_MAX = 200;

/** What in a text looks like PHI or a personal identifier, each with what to tell the writer. */
const PHI_PATTERNS: [RegExp, string][] = [
  [/\b\d{3}[- ]?\d{2}[- ]?\d{4}\b/, 'a number like a Social Security number'],
  [/\d{6,}/, 'a long number (a record, account or member number)'],
  [/[^\s@]+@[^\s@]+\.[^\s@]+/, 'an email address'],
  // eslint-disable-next-line security/detect-unsafe-regex -- optional prefixes of bounded length: linear
  [/(\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}/, 'a phone number'],
  [/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/, 'a date (write "in March", or use the incident\'s own dates)'],
];

/** Refuses text that is empty, too long, holds control characters or looks like it holds PHI. */
export function checkReviewText(field: string, text: string, min: number, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length < min || trimmed.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters`, { field, reason: 'OUT_OF_RANGE' });
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(trimmed)) throw badUserInput(`${field} holds control characters`, { field, reason: 'TEXT_FORMAT' });
  for (const [pattern, what] of PHI_PATTERNS) {
    if (pattern.test(trimmed)) throw badUserInput(`${field} looks like it holds PHI (${what}); a review is shared with the affected parties and names no one`, { field, reason: 'LOOKS_LIKE_PHI' });
  }
  return trimmed;
}

export interface ReviewView {
  /** The incident's id: an incident has at most one review. */
  id: string;
  rootCause: string;
  summary: string;
  writtenBy: string;
  writtenAt: string;
  updatedAt: string;
  remediations: { id: string; title: string; ownerId: string; dueOn: string; status: string; doneAt: string | null; doneBy: string | null }[];
}

/** An incident's review with its remediation items, or null (the caller's organization only, by RLS). */
export async function reviewOf(em: EntityManager, incidentId: string): Promise<ReviewView | null> {
  const [review] = await em.execute<Omit<ReviewView, 'remediations'>[]>(
    `select incident_id::text as id, root_cause as "rootCause", summary, written_by::text as "writtenBy", ${isoTimestamp('written_at')} as "writtenAt", ${isoTimestamp('updated_at')} as "updatedAt"
       from audit.incident_reviews where incident_id = ?`, [incidentId]);
  if (!review) return null;
  const remediations = await em.execute<ReviewView['remediations']>(
    `select id::text, title, owner_id::text as "ownerId", due_on::text as "dueOn", status, ${isoTimestamp('done_at')} as "doneAt", done_by::text as "doneBy"
       from audit.incident_remediations where incident_id = ? order by due_on, created_at`, [incidentId]);
  return { ...review, remediations };
}

async function incidentExists(em: EntityManager, incidentId: string): Promise<boolean> {
  if (!isUuid(incidentId)) return false;
  const rows = await em.execute(`select 1 from audit.incidents where id = ?`, [incidentId]);
  return rows.length > 0;
}

export async function writeReview(service: AuditService, caller: Caller, input: { incidentId: string; rootCause: string; summary: string }): Promise<void> {
  const summary = checkReviewText('summary', input.summary, 1, SUMMARY_MAX);
  await authorize(service, caller, 'incident.manage', { type: 'Incident', id: input.incidentId });
  await runInOrganization(service, caller, async (em, organizationId) => {
    if (!(await incidentExists(em, input.incidentId))) throw notFound('Incident');
    const [written] = await em.execute<{ created: boolean }[]>(
      `insert into audit.incident_reviews (incident_id, organization_id, root_cause, summary, written_by) values (?, ?, ?, ?, ?)
       on conflict (incident_id) do update set root_cause = excluded.root_cause, summary = excluded.summary, written_by = excluded.written_by, updated_at = now()
       returning (xmax = 0) as created`,
      [input.incidentId, organizationId, input.rootCause, summary, caller.userId],
    );
    await recordAudit(em, caller, {
      action: written?.created ? 'CREATE' : 'UPDATE', resourceType: 'PostIncidentReview', resourceId: input.incidentId, outcome: 'SUCCESS', reason: `root_cause:${input.rootCause.toLowerCase()}`,
    });
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function addRemediation(service: AuditService, caller: Caller, input: { incidentId: string; title: string; ownerId: string; dueOn: string }): Promise<void> {
  const title = checkReviewText('title', input.title, 3, TITLE_MAX);
  if (!isUuid(input.ownerId)) throw badUserInput('ownerId must be a member id', { field: 'ownerId' });
  if (!DATE.test(input.dueOn)) throw badUserInput('dueOn must be a date (YYYY-MM-DD)', { field: 'dueOn' });
  await authorize(service, caller, 'incident.manage', { type: 'Incident', id: input.incidentId });
  await runInOrganization(service, caller, async (em, organizationId) => {
    if (!(await incidentExists(em, input.incidentId))) throw notFound('Incident');
    if ((await em.execute(`select 1 from audit.incident_reviews where incident_id = ?`, [input.incidentId])).length === 0) throw notFound('Post-incident review');
    const id = randomUUID();
    await em.execute(
      `insert into audit.incident_remediations (id, incident_id, organization_id, title, owner_id, due_on, created_by) values (?, ?, ?, ?, ?, ?, ?)`,
      [id, input.incidentId, organizationId, title, input.ownerId, input.dueOn, caller.userId],
    );
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'RemediationItem', resourceId: id, outcome: 'SUCCESS', reason: 'remediation:added' });
  });
}

/** Marks an item done; the incident it belongs to. */
export async function completeRemediation(service: AuditService, caller: Caller, id: string): Promise<string> {
  await authorize(service, caller, 'incident.manage', { type: 'RemediationItem', id });
  return runInOrganization(service, caller, async (em) => {
    const [item] = isUuid(id) ? await em.execute<{ incidentId: string; status: string }[]>(`select incident_id::text as "incidentId", status from audit.incident_remediations where id = ? for update`, [id]) : [];
    if (!item) throw notFound('Remediation item');
    if (item.status === 'DONE') throw conflict('The remediation item is done already');
    await em.execute(`update audit.incident_remediations set status = 'DONE', done_at = now(), done_by = ? where id = ?`, [caller.userId, id]);
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'RemediationItem', resourceId: id, outcome: 'SUCCESS', reason: 'remediation:done' });
    return item.incidentId;
  });
}

const human = (code: string) => code.toLowerCase().replaceAll('_', ' ');
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** What the PDF shows: the incident as the affected parties may read it (kinds, dates, counts, notices), no names. */
async function reviewDocument(em: EntityManager, incidentId: string): Promise<PdfContent> {
  const [incident] = await em.execute<{ kind: string; discovered_at: string; declared_at: string; affected_count: number; status: string; closed_as: string | null; time_zone: string }[]>(
    `select kind, ${isoTimestamp('discovered_at')} as discovered_at, ${isoTimestamp('declared_at')} as declared_at, affected_count, status, closed_as, time_zone from audit.incidents where id = ?`, [incidentId]);
  const review = await reviewOf(em, incidentId);
  if (!incident) throw notFound('Incident');
  if (!review) throw notFound('Post-incident review');
  const obligations = await em.execute<{ kind: string; jurisdiction: string | null; due_at: string; status: string; met_at: string | null }[]>(
    `select kind, jurisdiction, ${isoTimestamp('due_at')} as due_at, status, ${isoTimestamp('met_at')} as met_at
       from audit.incident_obligations where incident_id = ? and status <> 'NOT_REQUIRED' order by due_at, key`, [incidentId]);
  return {
    title: 'Post-incident review',
    subtitle: `A ${human(incident.kind)} incident discovered on ${day(incident.discovered_at)}; review of ${day(review.updatedAt)}`,
    createdAt: new Date(review.updatedAt),
    sections: [
      {
        heading: 'The incident',
        blocks: [{
          kind: 'rows', rows: [
            ['What happened', human(incident.kind)], ['Discovered', day(incident.discovered_at)], ['Declared', day(incident.declared_at)],
            ['People affected', String(incident.affected_count)],
            ['Status', incident.status === 'OPEN' ? 'being handled' : incident.closed_as === 'NOT_A_BREACH' ? 'closed: not a breach (low probability of compromise)' : 'closed'],
          ],
        }],
      },
      { heading: 'Root cause', blocks: [{ kind: 'rows', rows: [['Cause', human(review.rootCause)]] }, { kind: 'paragraph', text: review.summary }] },
      {
        heading: 'Notices',
        blocks: [{
          kind: 'table', columns: ['Notice to', 'Where', 'Due', 'Given', 'Status'],
          rows: obligations.map((o) => [human(o.kind), o.jurisdiction ?? '', day(o.due_at), day(o.met_at), human(o.status)]),
        }],
      },
      {
        heading: 'Remediation',
        blocks: review.remediations.length === 0
          ? [{ kind: 'paragraph', text: 'No remediation items recorded.' }]
          : [{ kind: 'table', columns: ['What', 'Due', 'Status', 'Done'], rows: review.remediations.map((item) => [item.title, item.dueOn, human(item.status), day(item.doneAt)]) }],
      },
    ],
  };
}

/** The review as a PDF, sealed like an audit export and handed out through a signed download link. */
export async function exportReview(service: AuditService, caller: Caller, incidentId: string): Promise<{ url: string; expiresAt: Date }> {
  await authorize(service, caller, 'incident.read', { type: 'PostIncidentReview', id: incidentId });
  if (!isUuid(incidentId)) throw notFound('Incident');
  // Read before an export is registered, so a missing review costs no export slot.
  const content = await runInOrganization(service, caller, (em) => reviewDocument(em, incidentId));
  const pdf = await renderPdf(content);
  return writeSealedExport(service, caller, async (em, _organizationId, write) => {
    const { key, contentKey, expiresAt } = await write('pdf', (async function* () { yield pdf; })());
    await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'PostIncidentReview', resourceId: incidentId, outcome: 'SUCCESS', reason: 'format:pdf' });
    const { publicUrl, urlSigningSecret } = service.config.downloads;
    return { url: signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key, expiresAt, contentKey }), expiresAt };
  });
}
