// PUT and GET /documents/<id>?grant=…&signature=…: document uploads and downloads through signed,
// time-limited links that the credentials subgraph hands out. The gateway forwards the bytes
// with its signed context (request id, source address); the subgraph checks the link, encrypts
// or decrypts, and audits. The gateway never sees a key and keeps nothing.
import express, { type Request, type Response } from 'express';
import { anonymousCaller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import { CONTEXT_HEADER, signCallerContext } from '../platform/service-signing.ts';

/** The most the gateway forwards; the credentials subgraph applies its own (smaller) DOCUMENT_MAX_BYTES. */
const MAX_FORWARDED_BYTES = 100 * 1024 * 1024;

export function documentRoutes(config: Readonly<GatewayConfig>, logger: Logger): express.Router {
  const router = express.Router();
  const target = new URL('/files/documents/', config.subgraphUrls.credentials);
  const forward = async (req: Request, res: Response) => {
    const body = req.method === 'PUT' && Buffer.isBuffer(req.body) ? (req.body as Buffer) : Buffer.alloc(0);
    const id = encodeURIComponent(String(req.params.id));
    const query = new URL(req.originalUrl, 'http://gateway').search;
    try {
      const context = signCallerContext(config.contextSigningSecret, anonymousCaller(res.locals.requestId as string, req.ip ?? null), { audience: 'credentials', body });
      const response = await fetch(new URL(`${id}${query}`, target), {
        method: req.method,
        headers: { [CONTEXT_HEADER]: context, 'content-type': 'application/octet-stream' },
        ...(req.method === 'PUT' ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(60_000),
      });
      res.status(response.status);
      for (const header of ['content-type', 'content-disposition']) {
        const value = response.headers.get(header);
        if (value) res.setHeader(header, value);
      }
      res.setHeader('cache-control', 'no-store');
      res.send(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      logger.error({ err: error, requestId: res.locals.requestId }, 'the credentials subgraph did not answer a document request');
      sendError(res, new AppError('SERVICE_UNAVAILABLE', 'Documents are unavailable; try again shortly'));
    }
  };
  router.put('/documents/:id', express.raw({ type: () => true, limit: MAX_FORWARDED_BYTES }), forward);
  router.get('/documents/:id', forward);
  return router;
}
