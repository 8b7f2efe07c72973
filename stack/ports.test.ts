// Ports chosen by the stack, from the side of another program that takes a port between its
// choice and its use: the stack chooses again, instead of failing the start.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { assertPortsFree, PortInUseError, withPorts } from './ports.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Listens on `port` as a process of the stack would, a clash becoming a PortInUseError. */
function bind(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} in use`, port) : error),
    );
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}

describe('withPorts', () => {
  it('chooses a port again when another program took the one chosen before it was bound', async () => {
    const tried: number[] = [];
    const server = await withPorts([0], async ([port]) => {
      tried.push(port!);
      if (tried.length === 1) await bind(port!); // the other program, first on the port
      return bind(port!);
    });
    expect(tried).toHaveLength(2);
    expect(tried[1]).not.toBe(tried[0]);
    expect((server.address() as { port: number }).port).toBe(tried[1]);
  });

  it('chooses distinct ports for one start, and keeps a port that was given', async () => {
    const held = await bind(0);
    const given = (held.address() as { port: number }).port;
    let seen: number[] = [];
    await withPorts([0, 0, 0, given], async (ports) => {
      seen = ports;
    });
    expect(new Set(seen.slice(0, 3)).size).toBe(3);
    expect(seen[3]).toBe(given);
  });

  it('does not choose again for a port that was given: that clash is the caller to report', async () => {
    const held = await bind(0);
    const given = (held.address() as { port: number }).port;
    let attempts = 0;
    await expect(withPorts([given], async ([port]) => {
      attempts++;
      return bind(port!);
    })).rejects.toThrow(PortInUseError);
    expect(attempts).toBe(1);
  });
});

describe('assertPortsFree', () => {
  it('names what uses a taken port and the variable that moves it', async () => {
    const held = await bind(0);
    const port = (held.address() as { port: number }).port;
    await expect(assertPortsFree([{ what: 'gateway metrics', variable: 'METRICS_PORT', port }, { what: 'gateway', variable: 'GATEWAY_PORT', port: 0 }])).rejects.toThrow(
      `Already in use: gateway metrics port ${port} (METRICS_PORT). Stop whatever is listening there (is Credence already running?) or set that variable to another port (0 picks a free one).`,
    );
  });
});
