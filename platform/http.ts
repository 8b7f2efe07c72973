// HTTP plumbing shared by the gateway and the subgraphs: listening with clear errors, an access
// log without PHI (method, route, status, duration, request id only), and JSON error replies.
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/** For express.json({ verify }): keeps the exact bytes, which the context signature covers. */
export function keepRawBody(req: RawBodyRequest, _res: unknown, buffer: Buffer): void {
  req.rawBody = buffer;
}

export function sendError(res: Response, error: AppError, status = error.httpStatus): void {
  res.status(status).type('application/json').send(JSON.stringify(error.toResponseBody()));
}

export function accessLog(logger: Logger, requestId: (res: Response) => string | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10, requestId: requestId(res) },
        'request',
      );
    });
    next();
  };
}

/**
 * How long a client may take to send what it sends, so that slow clients (slowloris) cannot hold
 * connections open: its headers, and its whole request (an upload of the largest document over a
 * slow link included). Past either, Node answers 408 and closes the connection.
 */
export const CLIENT_TIMEOUTS = { headersMs: 10_000, requestMs: 300_000 };
/**
 * How long an idle keep-alive connection stays open: longer than the clients and proxies in front
 * keep theirs (undici's 4 s, a load balancer's 60 s), so that a client never sends a request on a
 * connection the server is closing at that moment (ECONNRESET), which Node's 5 s default allows
 * under load.
 */
export const KEEP_ALIVE_MS = 65_000;
/** How often Node looks for connections past those limits. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Starts listening, over HTTPS with TLS 1.3 as the minimum when a certificate is given; a port in
 * use becomes an error that says what to do, naming `portVariable` (the setting of that port),
 * with code EADDRINUSE and the port.
 */
export async function listen(
  handler: Parameters<typeof createServer>[1],
  host: string,
  port: number,
  what: string,
  tls: { certFile: string; keyFile: string } | null = null,
  timeouts: { headersMs: number; requestMs: number } = CLIENT_TIMEOUTS,
  portVariable = 'PORT',
): Promise<Server> {
  const options = { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS };
  const server: Server = tls
    ? createTlsServer({ ...options, cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), minVersion: 'TLSv1.3' }, handler)
    : createServer(options, handler);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        const message = `${what} cannot listen on ${host}:${port}: the port is already in use. Stop the process using it or set ${portVariable} to a free port.`;
        reject(Object.assign(new Error(message), { code: 'EADDRINUSE', port }));
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * A metrics endpoint (GET /metrics) over a Prometheus registry. A collection that fails (a gauge
 * that reads the database while it is down) answers 500: left unhandled, its rejection would end
 * the process.
 */
export function metricsEndpoint(registry: { contentType: string; metrics(): Promise<string> }): RequestListener {
  return (req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  };
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
