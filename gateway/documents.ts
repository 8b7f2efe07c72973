// PUT and GET /documents/<id>?grant=…&signature=…: document uploads and downloads through signed,
// time-limited links that the credentials subgraph hands out. The gateway checks the link's
// signature and expiry before it reads a byte of the body (anyone may send to this address, so a
// made-up or expired link costs nothing but its headers), then streams an upload to the
// subgraph within the size the grant names, never holding it whole. The subgraph checks the link
// again (and that the session that asked for it is still live), encrypts or decrypts, and
// audits. The gateway never sees a key and keeps nothing.
import { Readable, Transform } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { anonymousCaller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError, forbidden } from '../platform/errors.ts';
import { CLIENT_TIMEOUTS, sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import { CONTEXT_HEADER, requestPath, signCallerContext, STREAMED_BODY } from '../platform/service-signing.ts';
import { checkGrant, DOCUMENT_GRANTS, type UrlGrant } from '../platform/signed-urls.ts';

/** The most the gateway forwards when a grant names no size (the largest DOCUMENT_MAX_BYTES allowed). */
const MAX_FORWARDED_BYTES = 100 * 1024 * 1024;

const tooLarge = (maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE', `Documents may be at most ${maxBytes} bytes`, { maxBytes });

/**
 * Answers before the body is read, and closes the connection after: the rest of the body is not
 * read into anything, and the sender cannot keep the connection for another try.
 */
function refuseUnread(res: Response, error: AppError): void {
  res.setHeader('connection', 'close');
  sendError(res, error);
}

/** The grant of the link a request carries, if its signature and expiry hold; else the refusal, already sent. */
function grantOf(config: Readonly<GatewayConfig>, logger: Logger, req: Request, res: Response, purpose: string): UrlGrant | null {
  const check = checkGrant(config.documentGrantSecret, { purpose, subject: String(req.params.id) }, req.query.grant, req.query.signature);
  if (check.ok) return check.grant;
  logger.warn({ reason: check.reason, requestId: res.locals.requestId }, 'refused a document link');
  refuseUnread(res, forbidden(check.reason === 'expired' ? 'This document link has expired' : 'Invalid document link'));
  return null;
}

export function documentRoutes(config: Readonly<GatewayConfig>, logger: Logger): express.Router {
  const router = express.Router();
  const target = new URL('/files/documents/', config.subgraphUrls.credentials);
  const subgraphUrl = (req: Request) => new URL(`${encodeURIComponent(String(req.params.id))}${new URL(req.originalUrl, 'http://gateway').search}`, target);
  const context = (req: Request, res: Response, url: URL, body: '' | typeof STREAMED_BODY) =>
    signCallerContext(config.contextSigningKey, anonymousCaller(res.locals.requestId as string, req.ip ?? null), { audience: 'credentials', method: req.method, path: requestPath(url), body });

  const relay = async (res: Response, response: globalThis.Response) => {
    res.status(response.status);
    for (const header of ['content-type', 'content-disposition']) {
      const value = response.headers.get(header);
      if (value) res.setHeader(header, value);
    }
    res.setHeader('cache-control', 'no-store');
    res.send(Buffer.from(await response.arrayBuffer()));
  };
  const unavailable = (res: Response, error: unknown) => {
    logger.error({ err: error, requestId: res.locals.requestId }, 'the credentials subgraph did not answer a document request');
    if (!res.headersSent) sendError(res, new AppError('SERVICE_UNAVAILABLE', 'Documents are unavailable; try again shortly'));
  };

  router.put('/documents/:id', async (req, res) => {
    const grant = grantOf(config, logger, req, res, DOCUMENT_GRANTS.upload);
    if (!grant) return;
    const maxBytes = Number.isInteger(grant.maxBytes) && grant.maxBytes! > 0 ? Math.min(grant.maxBytes!, MAX_FORWARDED_BYTES) : MAX_FORWARDED_BYTES;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return refuseUnread(res, tooLarge(maxBytes));

    // The bytes go through as they arrive, counted: past the grant's size the upload to the
    // subgraph is cut off (it stores nothing of an unfinished body) and the caller is answered 413.
    let received = 0;
    let overLimit = false;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > maxBytes) {
          overLimit = true;
          return done(tooLarge(maxBytes));
        }
        done(null, chunk);
      },
    });
    req.on('error', (error) => counted.destroy(error));
    req.on('aborted', () => counted.destroy(new Error('the client aborted the upload')));
    req.pipe(counted);
    const url = subgraphUrl(req);
    try {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { [CONTEXT_HEADER]: context(req, res, url, STREAMED_BODY), 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(counted) as ReadableStream<Uint8Array>,
        duplex: 'half',
        signal: AbortSignal.timeout(CLIENT_TIMEOUTS.requestMs),
      } as RequestInit);
      // The subgraph may answer (a refusal) before the whole body came: the rest is not read.
      if (!req.complete) res.setHeader('connection', 'close');
      await relay(res, response);
      req.unpipe(counted);
      counted.destroy();
    } catch (error) {
      if (overLimit) {
        req.unpipe(counted);
        return refuseUnread(res, tooLarge(maxBytes));
      }
      if (req.destroyed || req.readableAborted) return;
      unavailable(res, error);
    }
  });

  router.get('/documents/:id', async (req, res) => {
    if (!grantOf(config, logger, req, res, DOCUMENT_GRANTS.download)) return;
    const url = subgraphUrl(req);
    try {
      const response = await fetch(url, {
        method: 'GET',
        headers: { [CONTEXT_HEADER]: context(req, res, url, '') },
        signal: AbortSignal.timeout(60_000),
      });
      await relay(res, response);
    } catch (error) {
      unavailable(res, error);
    }
  });
  return router;
}
