// Slow clients, from the attacker's side: a client that stalls in its headers or its body is
// answered 408 and disconnected, instead of holding a connection open (slowloris).
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { freePort } from '../stack/ports.ts';
import { Gauge, Registry } from 'prom-client';
import { CLIENT_TIMEOUTS, closeServer, KEEP_ALIVE_MS, listen, metricsEndpoint } from './http.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await closeServer(server);
});

/** A server that answers every complete request; short limits so that the test does not wait ten seconds. */
async function start(timeouts?: { headersMs: number; requestMs: number }) {
  const port = await freePort();
  const server = await listen((req, res) => {
    req.resume();
    req.on('end', () => res.end('answered'));
  }, '127.0.0.1', port, 'test server', null, timeouts);
  servers.push(server);
  return { server, port };
}

/** Sends `data`, then nothing more; resolves with what the server sent and when it closed. */
function sendAndStall(port: number, data: string): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the stalled connection open'));
    }, 10_000).unref();
  });
}

describe('a server started by listen()', () => {
  it('limits clients to the stated times by default', async () => {
    const { server } = await start();
    expect(server.headersTimeout).toBe(CLIENT_TIMEOUTS.headersMs);
    expect(server.requestTimeout).toBe(CLIENT_TIMEOUTS.requestMs);
    expect(CLIENT_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
  });

  it('answers 408 and disconnects a client that stalls in its headers', async () => {
    const { port } = await start({ headersMs: 500, requestMs: 2_000 });
    const { received, closedAfterMs } = await sendAndStall(port, 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(400);
  });

  it('answers 408 and disconnects a client that stalls in its body', async () => {
    const { port } = await start({ headersMs: 500, requestMs: 1_000 });
    const { received, closedAfterMs } = await sendAndStall(port, 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
  });

  it('refuses a port in use with a message naming the variable of that port', async () => {
    const { port } = await start();
    const clash = listen(() => {}, '127.0.0.1', port, 'The gateway metrics endpoint', null, undefined, 'METRICS_PORT');
    await expect(clash).rejects.toThrow(
      `The gateway metrics endpoint cannot listen on 127.0.0.1:${port}: the port is already in use. Stop the process using it or set METRICS_PORT to a free port.`,
    );
    await expect(clash).rejects.toMatchObject({ code: 'EADDRINUSE', port });
  });

  it('answers a client that sends its request in time', async () => {
    const { port } = await start({ headersMs: 500, requestMs: 1_000 });
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
    expect(await response.text()).toBe('answered');
  });
});

describe('metricsEndpoint', () => {
  it('answers 500 while collecting fails (a gauge that reads a database that is down), and the metrics again once it recovers', async () => {
    let databaseDown = false;
    const registry = new Registry();
    new Gauge({
      name: 'probe_backlog', help: 'a gauge read from the database at each scrape', registers: [registry],
      async collect() {
        if (databaseDown) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        this.set(3);
      },
    });
    const port = await freePort();
    servers.push(await listen(metricsEndpoint(registry), '127.0.0.1', port, 'metrics'));
    // An endpoint that never answers fails the test instead of holding it until the suite times out.
    const scrape = (path = '/metrics') => fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(15_000) });

    const healthy = await scrape();
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get('content-type')).toBe(registry.contentType);
    expect(await healthy.text()).toContain('probe_backlog 3');

    databaseDown = true;
    const failing = await scrape();
    expect(failing.status).toBe(500);
    expect(await failing.text()).toBe('');

    databaseDown = false;
    expect((await scrape()).status).toBe(200);
    expect((await scrape('/other')).status).toBe(404);
  });
});
