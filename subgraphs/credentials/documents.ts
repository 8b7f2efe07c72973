// Documents of a credential (a license copy, a certificate, a policy declaration). Their bytes
// never travel through GraphQL: a mutation hands out a signed, time-limited URL on the gateway,
// which forwards the bytes here. Contents are checked by magic bytes and size, encrypted under the
// organization's data key before they reach storage, and checked against their SHA-256 when
// read back. Every download is audited in the transaction that reads it.
import { createHash, randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { recordAudit, recordRefusal } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isRole } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, conflict, forbidden } from '../../platform/errors.ts';
import { assertId, isUuid } from '../../platform/ids.ts';
import { checkGrant, DOCUMENT_GRANTS, signGrant, type UrlGrant } from '../../platform/signed-urls.ts';
import type { SubgraphContext } from '../../platform/subgraph-server.ts';
import { Credential, Document } from './entities/index.ts';
import { notVisible, type CredentialsService } from './service.ts';
import { detectDocumentType, DOCUMENT_TYPES, type DocumentContentType } from './validation.ts';

export const DOCUMENTS_PATH = '/documents/';
const UPLOAD = DOCUMENT_GRANTS.upload;
const DOWNLOAD = DOCUMENT_GRANTS.download;

export interface DocumentView {
  id: string;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  stored: boolean;
  createdAt: string;
}

/** The columns a document's view reads, as the ORM's QueryBuilder returns them. */
const DOCUMENT_FIELDS = ['id', 'status', 'contentType', 'sizeBytes', 'sha256', 'storageKey', 'createdAt'] as const;
type DocumentFields = Pick<Document, (typeof DOCUMENT_FIELDS)[number]>;

const view = (document: DocumentFields): DocumentView => ({
  id: document.id,
  contentType: document.contentType ?? null,
  sizeBytes: document.sizeBytes ?? null,
  sha256: document.sha256 ? Buffer.from(document.sha256).toString('hex') : null,
  stored: document.status === 'STORED',
  createdAt: document.createdAt.toISOString(),
});

export async function documentsOf(service: CredentialsService, caller: Caller, credentialId: string): Promise<DocumentView[]> {
  const documents = await runAsCaller(service.orm, caller, (em) =>
    em.find(Document, { credential: credentialId, removedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } }));
  return documents.map(view);
}

function grantUrl(service: CredentialsService, caller: Caller, purpose: string, documentId: string): { url: string; expiresAt: Date } {
  const expiresAt = new Date(Date.now() + service.config.documents.urlSeconds * 1000);
  const grant: UrlGrant = {
    purpose,
    subject: documentId,
    organizationId: caller.organizationId!,
    userId: caller.userId!,
    role: caller.role!,
    sessionId: caller.sessionId!,
    ...(purpose === UPLOAD ? { maxBytes: service.config.documents.maxBytes } : {}),
    expires: Math.floor(expiresAt.getTime() / 1000),
  };
  return { url: `${service.config.downloads.publicUrl}${DOCUMENTS_PATH}${documentId}?${signGrant(service.config.documents.grantSecret, grant)}`, expiresAt };
}

export async function requestDocumentUpload(service: CredentialsService, caller: Caller, input: { credentialId: string }) {
  const credentialId = assertId(input.credentialId, 'credentialId');
  const id = randomUUID();
  const created = await runAsCaller(service.orm, caller, async (em) => {
    const credential = await em.findOne(Credential, { id: credentialId, removedAt: null }, { fields: ['organization'] });
    if (!credential) return null;
    const [row] = await em.createQueryBuilder(Document)
      .insert({ id, organization: credential.organization.id, credential: credentialId, uploadExpiresAt: secondsFromNow(service.config.documents.urlSeconds), createdBy: caller.userId })
      .returning([...DOCUMENT_FIELDS])
      .execute<DocumentFields[]>('all');
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Document', resourceId: id, outcome: 'SUCCESS' });
    return row!;
  });
  if (!created) throw await notVisible(service, caller, 'Credential', credentialId);
  const { url, expiresAt } = grantUrl(service, caller, UPLOAD, id);
  return { document: view(created), uploadUrl: url, expiresAt };
}

export async function documentDownloadUrl(service: CredentialsService, caller: Caller, documentId: string) {
  const stored = isUuid(documentId)
    ? await runAsCaller(service.orm, caller, (em) => em.count(Document, { id: documentId, status: 'STORED', removedAt: null }))
    : 0;
  if (stored === 0) throw await notVisible(service, caller, 'Document', documentId);
  return grantUrl(service, caller, DOWNLOAD, documentId);
}

type GrantRefusal = 'malformed' | 'expired' | 'invalid_signature' | 'wrong_purpose' | 'session_ended';

/**
 * Every refusal of a document link goes through here: logged by its reason, recorded in the audit
 * log (aggregated per address and minute, in a transaction of its own, so it survives the
 * rollback of a refused upload), answered FORBIDDEN.
 */
async function refuseGrant(service: CredentialsService, context: SubgraphContext, documentId: string, reason: GrantRefusal): Promise<AppError> {
  service.logger.warn({ reason, requestId: context.caller.requestId }, 'refused a document link');
  await recordRefusal(service.orm, context.caller, { resourceType: 'Document', resourceId: documentId, reason: `document_link:${reason}` });
  if (reason === 'expired') return forbidden('This document link has expired');
  if (reason === 'session_ended') return forbidden('The session that asked for this document link has ended; sign in and ask again');
  return forbidden('Invalid document link');
}

/** The caller a valid grant stands for, seen from the request the gateway forwarded. */
async function grantCaller(service: CredentialsService, context: SubgraphContext, purpose: string, documentId: string, query: Record<string, unknown>): Promise<Caller> {
  const check = checkGrant(service.config.documents.grantSecret, { purpose, subject: documentId }, query.grant, query.signature);
  if (!check.ok) throw await refuseGrant(service, context, documentId, check.reason);
  const { grant } = check;
  if (!isRole(grant.role) || !isUuid(grant.userId) || !isUuid(grant.organizationId) || !isUuid(grant.sessionId)) throw await refuseGrant(service, context, documentId, 'malformed');
  return {
    userId: grant.userId,
    organizationId: grant.organizationId,
    role: grant.role,
    sessionId: grant.sessionId,
    requestId: context.caller.requestId,
    sourceIp: context.caller.sourceIp,
  };
}

/**
 * A grant lasts as long as the session that asked for it: signing out, a revocation or the
 * member's deactivation (each ends the session) ends its links too, in the transaction that uses them.
 */
async function sessionIsLive(em: EntityManager, caller: Caller): Promise<boolean> {
  // Raw SQL: credentials.session_is_live is a SECURITY DEFINER function (the credentials role reads no sessions).
  const [row] = await em.execute<{ live: boolean }[]>('select credentials.session_is_live(?, ?, ?) as live', [caller.sessionId, caller.userId, caller.organizationId]);
  return row?.live === true;
}

/** What a unit of work on a document answers when the grant's session has ended. */
const SESSION_ENDED = Symbol('the session that asked for the link has ended');

/**
 * Runs the work on a document as the grant's caller, once its session is found live in that
 * transaction. A session that has ended is refused after the transaction (its refusal is
 * recorded in a transaction of its own): a unit of work never waits for a second connection
 * while it holds one, which enough concurrent refused links would have taken the pool with.
 */
async function asLiveSession<T>(service: CredentialsService, context: SubgraphContext, caller: Caller, documentId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await runAsCaller(service.orm, caller, async (em) => ((await sessionIsLive(em, caller)) ? work(em) : SESSION_ENDED));
  if (result === SESSION_ENDED) throw await refuseGrant(service, context, documentId, 'session_ended');
  return result;
}

const contentAddress = (documentId: string) => ({ table: 'documents', column: 'content', rowId: documentId });

type LockedDocument = DocumentFields & { organization: string; upload_expired: boolean };

/** The document, locked for its upload, and whether its upload link has expired by the database's clock. */
async function lockDocument(em: EntityManager, documentId: string): Promise<LockedDocument | undefined> {
  const [row] = await em.createQueryBuilder(Document, 'd')
    .select([...DOCUMENT_FIELDS, 'organization', raw('d.upload_expires_at < now() as upload_expired')])
    .where({ id: documentId, removedAt: null })
    .setLockMode(LockMode.PESSIMISTIC_WRITE)
    .execute<LockedDocument[]>('all');
  return row;
}

/** PUT /documents/<id>: stores the bytes of a requested upload, once. */
export async function receiveUpload(service: CredentialsService, documentId: string, query: Record<string, unknown>, body: Buffer, context: SubgraphContext): Promise<DocumentView> {
  if (!isUuid(documentId)) throw forbidden('Invalid document link');
  const caller = await grantCaller(service, context, UPLOAD, documentId, query);
  if (body.length === 0) throw badUserInput('The upload is empty', { reason: 'EMPTY_DOCUMENT' });
  if (body.length > service.config.documents.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Documents may be at most ${service.config.documents.maxBytes} bytes`, { maxBytes: service.config.documents.maxBytes });
  }
  const contentType = detectDocumentType(body);
  if (!contentType) throw badUserInput('Documents must be PDF, PNG or JPEG files (checked from their contents)', { reason: 'UNSUPPORTED_DOCUMENT_TYPE' });
  const sha256 = createHash('sha256').update(body).digest();
  // The file is written before the row that names it commits; if that transaction fails, the
  // file is removed, so no encrypted file is left that no row knows of.
  let written: string | null = null;
  return asLiveSession(service, context, caller, documentId, async (em) => {
    const row = await lockDocument(em, documentId);
    if (!row) throw forbidden('Invalid document link');
    if (row.status === 'STORED') throw conflict('This document has already been uploaded; request a new upload');
    if (row.upload_expired) throw forbidden('This document link has expired');
    const keys = await service.encryption.forOrganization(em, row.organization);
    const sealed = keys.encrypt(contentAddress(documentId), body);
    const { key } = await service.storage.write(`documents/${row.organization}`, 'enc', (async function* () { yield sealed; })());
    written = key;
    const [stored] = await em.createQueryBuilder(Document)
      .update({ status: 'STORED', contentType, sizeBytes: body.length, sha256, storageKey: key, storedAt: sql.now() })
      .where({ id: documentId })
      .returning([...DOCUMENT_FIELDS])
      .execute<DocumentFields[]>('all');
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Document', resourceId: documentId, outcome: 'SUCCESS', reason: 'upload' });
    return view(stored!);
  }).catch(async (error: unknown) => {
    if (written) await service.storage.remove(written).catch((removal: unknown) => service.logger.error({ err: removal, documentId }, 'could not remove the file of an upload that failed'));
    throw error;
  });
}

/** GET /documents/<id>: the decrypted contents, checked against their SHA-256, and an audited download. */
export async function sendDownload(service: CredentialsService, documentId: string, query: Record<string, unknown>, context: SubgraphContext) {
  if (!isUuid(documentId)) throw forbidden('Invalid document link');
  const caller = await grantCaller(service, context, DOWNLOAD, documentId, query);
  const result = await asLiveSession(service, context, caller, documentId, async (em) => {
    const row = await em.findOne(Document, { id: documentId, status: 'STORED', removedAt: null });
    if (!row) return null;
    const stream = service.storage.read(row.storageKey!);
    if (!stream) throw new AppError('DATA_UNREADABLE', 'The stored document is missing; it has been reported');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const keys = await service.encryption.forOrganization(em, row.organization.id);
    const contents = keys.decrypt(contentAddress(documentId), Buffer.concat(chunks));
    if (!createHash('sha256').update(contents).digest().equals(Buffer.from(row.sha256!))) throw new AppError('DATA_UNREADABLE', 'The stored document failed its checksum; it has been reported');
    await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Document', resourceId: documentId, outcome: 'SUCCESS', reason: 'download' });
    return { contentType: row.contentType!, body: contents, fileName: `${documentId}.${DOCUMENT_TYPES[row.contentType as DocumentContentType].extension}` };
  });
  if (!result) throw await notVisible(service, caller, 'Document', documentId);
  return result;
}
