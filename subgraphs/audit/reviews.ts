// Post-incident reviews: the root cause as a code, a summary, remediation items with an owner and
// a due date tracked to done, and a PDF of it all for the affected parties, handed out through the
// signed download links of audit exports. People write the summary and the items, so what they
// write is bounded and screened for what looks like PHI (the screen catches identifiers, not names:
// the form says a review names no patient, and the text is never logged).
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import type { EntityManager } from '../../platform/database/orm.ts';
import { renderPdf, type PdfContent } from '../../platform/documents/pdf.ts';
import { badUserInput, conflict, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { Incident, IncidentObligation, IncidentRemediation, IncidentReview } from './entities/index.ts';
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
  const review = await em.findOne(IncidentReview, { incident: incidentId });
  if (!review) return null;
  const items = await em.find(IncidentRemediation, { incident: incidentId }, { orderBy: { dueOn: 'asc', createdAt: 'asc' } });
  return {
    id: review.incident.id, rootCause: review.rootCause, summary: review.summary, writtenBy: review.writtenBy,
    writtenAt: review.writtenAt.toISOString(), updatedAt: review.updatedAt.toISOString(),
    remediations: items.map((item) => ({
      id: item.id, title: item.title, ownerId: item.ownerId, dueOn: item.dueOn, status: item.status, doneAt: item.doneAt?.toISOString() ?? null, doneBy: item.doneBy ?? null,
    })),
  };
}

async function incidentExists(em: EntityManager, incidentId: string): Promise<boolean> {
  if (!isUuid(incidentId)) return false;
  return (await em.count(Incident, { id: incidentId })) > 0;
}

/** Whether the upsert inserted its row: PostgreSQL's xmax is 0 on a row inserted. */
const created = () => raw('(xmax = 0) as created');

export async function writeReview(service: AuditService, caller: Caller, input: { incidentId: string; rootCause: string; summary: string }): Promise<void> {
  const summary = checkReviewText('summary', input.summary, 1, SUMMARY_MAX);
  await authorize(service, caller, 'incident.manage', { type: 'Incident', id: input.incidentId });
  await runInOrganization(service, caller, async (em, organizationId) => {
    if (!(await incidentExists(em, input.incidentId))) throw notFound('Incident');
    const [written] = await em.createQueryBuilder(IncidentReview)
      .insert({ incident: input.incidentId, organizationId, rootCause: input.rootCause as IncidentReview['rootCause'], summary, writtenBy: caller.userId!, updatedAt: sql.now() })
      .onConflict('incident')
      .merge(['rootCause', 'summary', 'writtenBy', 'updatedAt'])
      .returning([created()])
      .execute<{ created: boolean }[]>('all');
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
    if ((await em.count(IncidentReview, { incident: input.incidentId })) === 0) throw notFound('Post-incident review');
    const id = randomUUID();
    await em.insert(IncidentRemediation, { id, incident: input.incidentId, organizationId, title, ownerId: input.ownerId, dueOn: input.dueOn, createdBy: caller.userId! });
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'RemediationItem', resourceId: id, outcome: 'SUCCESS', reason: 'remediation:added' });
  });
}

/** Marks an item done; the incident it belongs to. */
export async function completeRemediation(service: AuditService, caller: Caller, id: string): Promise<string> {
  await authorize(service, caller, 'incident.manage', { type: 'RemediationItem', id });
  return runInOrganization(service, caller, async (em) => {
    const item = isUuid(id) ? await em.findOne(IncidentRemediation, { id }, { fields: ['incident', 'status'], lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!item) throw notFound('Remediation item');
    if (item.status === 'DONE') throw conflict('The remediation item is done already');
    await em.nativeUpdate(IncidentRemediation, { id }, { status: 'DONE', doneAt: sql.now(), doneBy: caller.userId! });
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'RemediationItem', resourceId: id, outcome: 'SUCCESS', reason: 'remediation:done' });
    return item.incident.id;
  });
}

const human = (code: string) => code.toLowerCase().replaceAll('_', ' ');
const day = (at: Date | string | null | undefined) => (at ? new Date(at).toISOString().slice(0, 10) : '');

/** What the PDF shows: the incident as the affected parties may read it (kinds, dates, counts, notices), no names. */
async function reviewDocument(em: EntityManager, incidentId: string): Promise<PdfContent> {
  const incident = await em.findOne(Incident, { id: incidentId }, { fields: ['kind', 'discoveredAt', 'declaredAt', 'affectedCount', 'status', 'closedAs'] });
  const review = await reviewOf(em, incidentId);
  if (!incident) throw notFound('Incident');
  if (!review) throw notFound('Post-incident review');
  const obligations = await em.find(
    IncidentObligation,
    { incident: incidentId, status: { $ne: 'NOT_REQUIRED' } },
    { fields: ['kind', 'jurisdiction', 'dueAt', 'status', 'metAt'], orderBy: { dueAt: 'asc', key: 'asc' } },
  );
  return {
    title: 'Post-incident review',
    subtitle: `A ${human(incident.kind)} incident discovered on ${day(incident.discoveredAt)}; review of ${day(review.updatedAt)}`,
    createdAt: new Date(review.updatedAt),
    sections: [
      {
        heading: 'The incident',
        blocks: [{
          kind: 'rows', rows: [
            ['What happened', human(incident.kind)], ['Discovered', day(incident.discoveredAt)], ['Declared', day(incident.declaredAt)],
            ['People affected', String(incident.affectedCount)],
            ['Status', incident.status === 'OPEN' ? 'being handled' : incident.closedAs === 'NOT_A_BREACH' ? 'closed: not a breach (low probability of compromise)' : 'closed'],
          ],
        }],
      },
      { heading: 'Root cause', blocks: [{ kind: 'rows', rows: [['Cause', human(review.rootCause)]] }, { kind: 'paragraph', text: review.summary }] },
      {
        heading: 'Notices',
        blocks: [{
          kind: 'table', columns: ['Notice to', 'Where', 'Due', 'Given', 'Status'],
          rows: obligations.map((o) => [human(o.kind), o.jurisdiction ?? '', day(o.dueAt), day(o.metAt), human(o.status)]),
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
