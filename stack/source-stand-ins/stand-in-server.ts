// A local HTTP server on 127.0.0.1 that answers as a primary source does, for tests and the
// development stack. Besides its source's answers it can be told to misbehave for the next
// requests: answer an error status, hang (for timeouts), redirect elsewhere, or say anything else.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { readFileSync } from 'node:fs';

export interface StandInRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

type Misbehaviour = { kind: 'reply'; reply: StandInReply } | { kind: 'hang' };

export interface StandInControls {
  /** The base URL, as a source's configuration names it. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: StandInRequest[];
  /** The next `count` requests are answered with `status` (503 unless told). */
  failNext(count: number, status?: number): void;
  /** The next `count` requests are never answered (until the stand-in closes). */
  hangNext(count: number): void;
  /** The next `count` requests are redirected to `location`. */
  redirectNext(count: number, location: string, status?: number): void;
  /** The next `count` requests get this reply (garbage, an unexpected status). */
  answerNext(count: number, reply: StandInReply): void;
  /** Forgets queued misbehaviour and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export function json(body: unknown, status = 200): StandInReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A fixture file of this folder, read afresh: each stand-in owns its copy, so addRecord never leaks between stand-ins. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export async function startStandInServer(answer: (request: StandInRequest) => StandInReply, options: { port?: number } = {}): Promise<StandInControls> {
  const queue: Misbehaviour[] = [];
  const requests: StandInRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const request: StandInRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const misbehaviour = queue.shift();
      if (misbehaviour?.kind === 'hang') return;
      let reply: StandInReply;
      try {
        reply = misbehaviour?.kind === 'reply' ? misbehaviour.reply : answer(request);
      } catch {
        reply = json({ error: 'stand-in failure' }, 500);
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const enqueue = (count: number, misbehaviour: Misbehaviour) => {
    for (let i = 0; i < count; i += 1) queue.push(misbehaviour);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (count, status = 503) => enqueue(count, { kind: 'reply', reply: json({ error: 'Service Unavailable' }, status) }),
    hangNext: (count) => enqueue(count, { kind: 'hang' }),
    redirectNext: (count, location, status = 302) => enqueue(count, { kind: 'reply', reply: { status, headers: { location }, body: '' } }),
    answerNext: (count, reply) => enqueue(count, { kind: 'reply', reply }),
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests would hold the server open.
        server.closeAllConnections();
      }),
  };
}
