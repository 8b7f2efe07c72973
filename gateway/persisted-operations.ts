// Trusted documents. With PERSISTED_OPERATIONS=required only operations registered in a manifest
// run: clients send the operation's id (its SHA-256) instead of its text, as Apollo's persisted
// queries (`extensions.persistedQuery.sha256Hash`) and GraphQL-over-HTTP's `documentId` do.
// With PERSISTED_OPERATIONS=off (development) a client built for that may still send ids: an id
// alone runs its registered operation or answers PERSISTED_QUERY_NOT_FOUND, upon which Apollo's
// persisted-query link sends the id again with the text, and the text runs once the id is checked
// to be its SHA-256. Clients never register operations themselves: only the manifest does.
// The manifest is the one Apollo's generator writes (apollo-persisted-query-manifest, version 1).
// It is read again when its file changes (looked at, on a request, at most once a second), so a
// new client's operations run without a restart; a new file that does not load is logged and the
// manifest in force stays in force.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';

interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name?: string; type?: string; body: string }[];
}

/** How often, at most, the manifest file is looked at for a change. */
export const MANIFEST_RECHECK_MS = 1_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadManifest(path: string): Map<string, string> {
  let manifest: Manifest;
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the path is PERSISTED_OPERATIONS_FILE from the config, never from a request
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${path} is not readable JSON: ${(error as Error).message}`);
  }
  if (!manifest || manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${path} is not an apollo-persisted-query-manifest, version 1`);
  }
  const operations = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (typeof operation?.body !== 'string') throw new Error(`PERSISTED_OPERATIONS_FILE: operation ${operation?.name ?? operation?.id} has no body`);
    if (operation.id !== sha256(operation.body)) throw new Error(`PERSISTED_OPERATIONS_FILE: operation ${operation.name ?? operation.id} has an id that is not the SHA-256 of its body`);
    operations.set(operation.id, operation.body);
  }
  return operations;
}

/** What identifies one version of the file: a rewrite in place changes its time or size, a replacement (rename) its inode. */
function versionOf(path: string): string {
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the path is PERSISTED_OPERATIONS_FILE from the config, never from a request
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/**
 * The manifest at `path`, loaded now (a manifest that does not load stops the start) and again
 * whenever the file has changed, looked at no more than once every `recheckMs`. A change that
 * does not load (unreadable, not a manifest, an id that is not its body's hash, the file gone) is
 * logged once and the operations in force stay in force until the file changes again.
 */
export function reloadingManifest(path: string, logger: Logger, recheckMs = MANIFEST_RECHECK_MS) {
  // The version is taken before the file is read: a change in between is read again at the next look.
  let version = versionOf(path);
  let operations = loadManifest(path);
  let checkedAt = Date.now();
  return {
    operations(): ReadonlyMap<string, string> {
      const now = Date.now();
      if (now - checkedAt < recheckMs) return operations;
      checkedAt = now;
      const seen = versionOf(path);
      if (seen === version) return operations;
      version = seen;
      try {
        operations = loadManifest(path);
        logger.info({ operations: operations.size }, 'persisted operations manifest reloaded');
      } catch (error) {
        logger.error({ err: error, operationsInForce: operations.size }, 'persisted operations manifest changed but does not load: the previous one stays in force');
      }
      return operations;
    },
  };
}

type OperationRequestBody = { query?: unknown; documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };

export function persistedOperations(config: Readonly<GatewayConfig>, logger: Logger) {
  const { mode, manifestPath } = config.persistedOperations;
  const manifest = manifestPath ? reloadingManifest(manifestPath, logger) : null;
  const registered = (id: string) => manifest?.operations().get(id);
  return (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as OperationRequestBody | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
    const id = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
    if (id === undefined) {
      if (mode === 'required') return sendError(res, new AppError('PERSISTED_QUERY_REQUIRED', 'Only registered operations run here: send the operation id'));
      return next();
    }
    const hash = typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
    let text: string | undefined;
    if (mode === 'off' && typeof body.query === 'string') {
      // The text is what runs: the id sent with it must name that text, not another operation.
      // eslint-disable-next-line security/detect-possible-timing-attacks -- both sides are public: the hash a client sent and the hash of the query it sent
      if (hash !== sha256(body.query)) {
        return sendError(res, new AppError('PERSISTED_QUERY_HASH_MISMATCH', 'The operation id sent with the operation text is not the SHA-256 of that text'));
      }
      text = body.query;
    } else {
      text = hash === null ? undefined : registered(hash);
      if (!text) return sendError(res, new AppError('PERSISTED_QUERY_NOT_FOUND', 'No registered operation has this id'));
    }
    body.query = text;
    delete body.documentId;
    // Apollo Server would answer PERSISTED_QUERY_NOT_SUPPORTED to the extension (it registers nothing).
    if (body.extensions) delete body.extensions.persistedQuery;
    return next();
  };
}
