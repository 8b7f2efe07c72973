// Trusted documents. With PERSISTED_OPERATIONS=required only operations registered in a manifest
// run: clients send the operation's id (its SHA-256) instead of its text, as Apollo's persisted
// queries (`extensions.persistedQuery.sha256Hash`) and GraphQL-over-HTTP's `documentId` do.
// The manifest is the one Apollo's generator writes (apollo-persisted-query-manifest, version 1).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';

interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name?: string; type?: string; body: string }[];
}

export function loadManifest(path: string): Map<string, string> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${path} is not readable JSON: ${(error as Error).message}`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`PERSISTED_OPERATIONS_FILE ${path} is not an apollo-persisted-query-manifest, version 1`);
  }
  const operations = new Map<string, string>();
  for (const operation of manifest.operations) {
    const digest = createHash('sha256').update(operation.body).digest('hex');
    if (operation.id !== digest) throw new Error(`PERSISTED_OPERATIONS_FILE: operation ${operation.name ?? operation.id} has an id that is not the SHA-256 of its body`);
    operations.set(operation.id, operation.body);
  }
  return operations;
}

export function persistedOperations(config: Readonly<GatewayConfig>) {
  const { mode, manifestPath } = config.persistedOperations;
  const operations = manifestPath ? loadManifest(manifestPath) : new Map<string, string>();
  return (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { query?: unknown; documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
    const id = body.documentId ?? body.extensions?.persistedQuery?.sha256Hash;
    if (id !== undefined) {
      const text = typeof id === 'string' ? operations.get(id.replace(/^sha256:/, '')) : undefined;
      if (!text) return sendError(res, new AppError('PERSISTED_QUERY_NOT_FOUND', 'No registered operation has this id'));
      body.query = text;
      delete body.documentId;
      if (body.extensions) delete body.extensions.persistedQuery;
      return next();
    }
    if (mode === 'required') return sendError(res, new AppError('PERSISTED_QUERY_REQUIRED', 'Only registered operations run here: send the operation id'));
    next();
  };
}
