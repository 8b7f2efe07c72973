// GET /downloads/<key>?expires=…&signature=…: hands out a stored file (an audit export, a
// document) to whoever holds an unexpired link that a Credence service signed; a sealed file
// (an audit export) decrypted with the key that only its link carries. An organization's data
// export package is sent only once its fetch is recorded (identity's audit of it), fail closed.
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import type { DownloadConfig } from '../platform/config.ts';
import { AppError, forbidden, notFound, serviceUnavailable } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import { openSealedFile, SEALED_FILE_KEY_BYTES, sealedFileOf } from '../platform/field-encryption/sealed-files.ts';
import { CONTENT_KEY_PARAM, checkDownload } from '../platform/signed-urls.ts';
import { createLocalStorage } from '../platform/storage.ts';

const CONTENT_TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  cexp: 'application/octet-stream',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/**
 * Records the fetch of a file that is audited at each fetch (an organization's data export),
 * before it is sent: true when it may be sent, false when it may not, and a throw when the fetch
 * could not be recorded. Null for a file that is not audited this way.
 */
export type FetchAudit = (key: string, request: { requestId: string; sourceIp: string | null }) => Promise<boolean> | null;

export function createDownloadHandler(config: DownloadConfig, logger: Logger, fetchAudit?: FetchAudit) {
  const storage = createLocalStorage(config.storageDir);
  return async (req: Request, res: Response) => {
    const segments = (req.params as { key?: string[] }).key ?? [];
    const key = segments.join('/');
    const check = checkDownload(config.urlSigningSecret, key, req.query.expires, req.query.signature);
    if (!check.ok) {
      logger.warn({ reason: check.reason, requestId: res.locals.requestId }, 'refused a download link');
      return sendError(res, check.reason === 'expired' ? forbidden('This download link has expired') : forbidden('Invalid download link'));
    }
    try {
      const audited = fetchAudit?.(key, { requestId: res.locals.requestId as string, sourceIp: req.ip ?? null });
      if (audited && !(await audited)) return sendError(res, forbidden('This download link is no longer valid'));
    } catch (error) {
      logger.error({ err: error, requestId: res.locals.requestId }, 'could not record a download; it is not sent');
      return sendError(res, serviceUnavailable('The download could not be recorded; try again shortly'));
    }
    const stream = storage.read(key);
    if (!stream) return sendError(res, notFound('File'));
    // A sealed file (an audit export) is decrypted with the key its link carries; its first part is
    // checked before anything is sent, so a wrong key is refused like a wrong signature.
    const sealed = sealedFileOf(key);
    let body: AsyncIterable<Buffer> | null = null;
    if (sealed) {
      // eslint-disable-next-line security/detect-object-injection -- a constant parameter name
      const given = req.query[CONTENT_KEY_PARAM];
      const contentKey = typeof given === 'string' ? Buffer.from(given, 'base64url') : Buffer.alloc(0);
      const parts = contentKey.length === SEALED_FILE_KEY_BYTES ? openSealedFile(contentKey, sealed, stream) : null;
      const first = await parts?.next().catch(() => null);
      if (!parts || !first) {
        stream.destroy();
        logger.warn({ reason: 'content_key', requestId: res.locals.requestId }, 'refused a download link');
        return sendError(res, forbidden('Invalid download link'));
      }
      body = (async function* () {
        if (!first.done) yield first.value;
        yield* parts;
      })();
    }
    const extension = key.split('.').pop() ?? '';
    // eslint-disable-next-line security/detect-object-injection -- the key passed its signature check (made by storage), and an extension is [a-z]{2,5} (isStorageKey), which names no Object.prototype member
    res.setHeader('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="${basename(key)}"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const source = body ? Readable.from(body) : stream;
    source.on('error', (error) => {
      logger.error({ err: error }, 'download failed');
      if (!res.headersSent) sendError(res, new AppError('INTERNAL_SERVER_ERROR', 'Download failed'));
      else res.destroy();
    });
    source.pipe(res);
  };
}
