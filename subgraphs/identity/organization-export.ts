// A terminated organization's data export (exportOrganizationData): its owners ask for it during
// the export window, sealed to a passphrase or to an X25519 public key of their own. A passphrase
// is turned into a key pair here, its private key wrapped under it (domain/organization-export-
// package.ts), so the passphrase never leaves this request: the row (identity.organization_exports)
// holds the public key and the wrapped key only, and is the request to build the export, started
// right after the commit and again by a sweep while its workflow has not recorded its start
// (Temporal was down). The worker builds and seals it (workflows/organization-export/); its owners
// fetch it through a signed link of the gateway's /downloads/, each link and each fetch audited.
import { randomUUID } from 'node:crypto';
import { ExportPackageError, MIN_PASSPHRASE_LENGTH, passphraseKeyPair, x25519PublicKey, type WrappedPrivateKey } from '../../domain/organization-export-package.ts';
import type { ExportCounts } from '../../domain/organization-export-contents.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, serviceUnavailable } from '../../platform/errors.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { ORGANIZATION_EXPORT_WORKFLOW, organizationExportWorkflowId, type OrganizationExportInput } from '../../workflows/organization-export/shared.ts';
import { OrganizationExport } from './entities/index.ts';
import type { OrganizationExportStatus } from './entities/organization-export.entity.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { TEMPORAL_ANSWERS_WITHIN_MS } from '../../platform/workflow-starts.ts';

/** How long a fetch link lives (never past the end of the export window). */
export const EXPORT_LINK_MINUTES = 15;
/** Exports of one organization asked for and not yet built, at most. */
export const MAX_EXPORTS_IN_PROGRESS = 2;
/** Where the packages are stored (the worker's exportPackageFolder): the fetch audit reads the organization from the key. */
const PACKAGE_KEY = /^organization-exports\/([0-9a-f-]{36})\/[A-Za-z0-9_-]{22,}\.cexp$/;

export interface OrganizationExportView {
  id: string;
  organizationId: string;
  status: OrganizationExportStatus;
  requestedAt: string;
  readyAt: string | null;
  bytes: number | null;
  sha256: string | null;
  expiresAt: string;
  counts: ExportCounts | null;
  storageKey: string | null;
}

/** An export read through the ORM, as the graph shows it (timestamps as ISO 8601 text). */
const viewOf = (row: OrganizationExport): OrganizationExportView => ({
  id: row.id, organizationId: row.organization.id, status: row.status, requestedAt: row.createdAt.toISOString(), readyAt: row.readyAt?.toISOString() ?? null,
  bytes: row.bytes ?? null, sha256: row.sha256 ?? null, expiresAt: row.expiresAt.toISOString(), counts: (row.counts ?? null) as ExportCounts | null, storageKey: row.storageKey ?? null,
});

/** The organization's exports, newest first (at most 100), as the caller sees them. */
export async function exportsOf(em: EntityManager, organizationId: string): Promise<OrganizationExportView[]> {
  const rows = await em.find(OrganizationExport, { organization: organizationId }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 100 });
  return rows.map(viewOf);
}

export async function organizationExports(service: IdentityService, caller: Caller, organizationId: string): Promise<OrganizationExportView[]> {
  return runAsCaller(service.orm, caller, (em) => exportsOf(em, organizationId));
}

/** The recipient of the package: the passphrase's key pair (its private key wrapped), or the owner's own public key. */
function recipientOf(input: { passphrase?: string | null; publicKey?: string | null }): { publicKey: string; wrappedKey: WrappedPrivateKey | null; kind: 'passphrase' | 'public_key' } {
  const hasPassphrase = typeof input.passphrase === 'string';
  const hasKey = typeof input.publicKey === 'string';
  if (hasPassphrase === hasKey) throw badUserInput('Give exactly one of passphrase and publicKey', { field: 'input', reason: 'EXPORT_RECIPIENT' });
  if (hasPassphrase) {
    if (input.passphrase!.length < MIN_PASSPHRASE_LENGTH) throw badUserInput(`The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`, { field: 'passphrase', reason: 'PASSPHRASE_TOO_SHORT' });
    const { publicKey, wrappedKey } = passphraseKeyPair(input.passphrase!);
    return { publicKey, wrappedKey, kind: 'passphrase' };
  }
  try {
    x25519PublicKey(input.publicKey!.trim());
  } catch (error) {
    if (error instanceof ExportPackageError) throw badUserInput('publicKey must be an X25519 public key: its raw 32 bytes in base64', { field: 'publicKey', reason: 'PUBLIC_KEY_FORMAT' });
    throw error;
  }
  return { publicKey: Buffer.from(input.publicKey!.trim(), 'base64').toString('base64'), wrappedKey: null, kind: 'public_key' };
}

const notTerminated = () => new AppError('ORGANIZATION_NOT_TERMINATED', 'The organization is not terminated: the data export is for its export window');
const windowClosed = () => new AppError('EXPORT_WINDOW_CLOSED', 'The export window has closed: the organization\'s data is being deleted');

/** Asks for the export of the caller's (terminated) organization's data; its build starts after the commit. */
export async function exportOrganizationData(service: IdentityService, caller: Caller, input: { passphrase?: string | null; publicKey?: string | null }): Promise<OrganizationExportView> {
  const recipient = recipientOf(input);
  const organizationId = caller.organizationId!;
  const view = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    // Serialized per organization: the limit below counts what the others have written.
    // Raw SQL: a transaction-level advisory lock, which the ORM has no call for.
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`organization-export:${organizationId}`]);
    // Raw SQL: the organization with its offboarding (a left join that no relation of Organization
    // names), the window measured by the database's clock.
    const [organization] = await em.execute<{ status: string; window_open: boolean | null; window_ends_at: string | null }[]>(
      `select o.status, f.status = 'EXPORT_WINDOW' and f.export_window_ends_at > now() as window_open, ${isoTimestamp('f.export_window_ends_at')} as window_ends_at
         from identity.organizations o left join identity.organization_offboardings f on f.organization_id = o.id where o.id = ?`,
      [organizationId],
    );
    if (organization?.status !== 'TERMINATED') return refuse(notTerminated());
    if (!organization.window_open) return refuse(windowClosed());
    const building = await em.count(OrganizationExport, { organization: organizationId, status: { $in: ['REQUESTED', 'BUILDING'] } });
    if (building >= MAX_EXPORTS_IN_PROGRESS) {
      return refuse(new AppError('RATE_LIMITED', `At most ${MAX_EXPORTS_IN_PROGRESS} exports of an organization are built at once; ask again when one is ready`, {
        retryAfterSeconds: 60, limit: MAX_EXPORTS_IN_PROGRESS,
      }));
    }
    // One insert, which reads back the columns the database fills.
    const row = em.create(OrganizationExport, {
      id: randomUUID(), organization: organizationId, requestedBy: caller.userId!, recipientPublicKey: recipient.publicKey, wrappedKey: recipient.wrappedKey,
      expiresAt: new Date(organization.window_ends_at!), counts: null,
    });
    await em.flush();
    await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'OrganizationExport', resourceId: row.id, outcome: 'SUCCESS', reason: `requested:${recipient.kind}` });
    return viewOf(row);
  });
  await startOrganizationExportWorkflow(service, { exportId: view.id, organizationId }).catch(() => undefined); // the sweep starts it when this could not
  return view;
}

/** Starts an export's workflow; one already running is kept. Logs and rethrows a failure. */
export async function startOrganizationExportWorkflow(service: IdentityService, input: OrganizationExportInput): Promise<void> {
  const workflows = service.offboardingWorkflows;
  if (!workflows) throw serviceUnavailable('The identity subgraph has no Temporal connection');
  try {
    await workflows.client.connection.withDeadline(Date.now() + TEMPORAL_ANSWERS_WITHIN_MS, () => workflows.client.workflow.start(ORGANIZATION_EXPORT_WORKFLOW, {
      workflowId: organizationExportWorkflowId(input.exportId),
      taskQueue: workflows.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }));
  } catch (error) {
    service.logger.warn({ err: error, exportId: input.exportId }, 'an organization export workflow did not start; the sweep starts it again');
    throw error;
  }
}

/** Starts the workflows of export requests that have not recorded their start (the sweep); returns how many it asked for. */
export async function startMissedOrganizationExports(service: IdentityService, em: EntityManager, olderThanMs: number): Promise<number> {
  // Raw SQL: identity.organization_exports_not_started is a SECURITY DEFINER function (the sweep sees every organization's).
  const missed = await em.execute<{ id: string; organization_id: string }[]>(
    `select id, organization_id from identity.organization_exports_not_started(make_interval(secs => ?))`, [olderThanMs / 1000],
  );
  for (const row of missed) await startOrganizationExportWorkflow(service, { exportId: row.id, organizationId: row.organization_id });
  return missed.length;
}

/**
 * A signed link to the sealed package of a ready export, for an owner of its organization (null
 * for anyone else, and before it is ready or once the window has closed): valid for
 * EXPORT_LINK_MINUTES, never past the window's end, and audited.
 */
export async function exportDownloadUrl(service: IdentityService, caller: Caller, view: OrganizationExportView): Promise<string | null> {
  if (caller.role !== 'ORG_OWNER' || caller.supportGrant || caller.organizationId !== view.organizationId) return null;
  if (view.status !== 'READY' || !view.storageKey) return null;
  const windowEnds = new Date(view.expiresAt).getTime();
  if (windowEnds <= Date.now()) return null;
  const expiresAt = new Date(Math.min(Date.now() + EXPORT_LINK_MINUTES * 60_000, windowEnds));
  await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'OrganizationExport', resourceId: view.id, outcome: 'SUCCESS', reason: 'download_link' });
  });
  const { publicUrl, urlSigningSecret } = service.config.downloads;
  return signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key: view.storageKey, expiresAt });
}

/**
 * Records the fetch of a package through its link (the gateway checked the signature), in its
 * organization's chain, as the link's holder (anonymous: its address and request id). Answers
 * whether it may be sent: a package of no ready export, or past its window, is not.
 */
export async function recordExportFetch(service: IdentityService, caller: Caller, body: unknown): Promise<{ allowed: boolean }> {
  const key = typeof (body as { storageKey?: unknown })?.storageKey === 'string' ? (body as { storageKey: string }).storageKey : '';
  const organizationId = PACKAGE_KEY.exec(key)?.[1];
  if (!organizationId) throw badUserInput('storageKey is not the key of an export package', { field: 'storageKey' });
  return runAsCaller(service.orm, { ...caller, userId: null, role: null, sessionId: null, organizationId }, async (em) => {
    // Raw SQL: the export with its organization's offboarding (joined by organization, which no
    // relation between the two names), the window measured by the database's clock.
    const [row] = await em.execute<{ id: string; allowed: boolean }[]>(
      `select e.id, e.status = 'READY' and e.expires_at > now() and f.status = 'EXPORT_WINDOW' as allowed
         from identity.organization_exports e join identity.organization_offboardings f on f.organization_id = e.organization_id
        where e.storage_key = ? and e.organization_id = ?`,
      [key, organizationId],
    );
    if (!row) return { allowed: false };
    await recordAudit(em, { ...caller, userId: null, role: null, sessionId: null, organizationId }, {
      action: 'EXPORT', resourceType: 'OrganizationExport', resourceId: row.id, outcome: row.allowed ? 'SUCCESS' : 'FAILURE', reason: row.allowed ? 'fetched' : 'fetch_refused:window_closed',
    });
    return { allowed: row.allowed };
  });
}
