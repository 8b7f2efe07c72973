// Ports of the local stack: every port is checked before anything starts. A port given as 0 is
// chosen by the stack when the process that uses it starts, and chosen again when that process
// finds it taken in between (another program may bind a port that was free a moment earlier).
import { createServer } from 'node:net';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A port the system reports free right now. Another program may take it before it is bound: bind
 * it at once, or go through withPorts, which chooses again on a clash.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The error of a process that could not bind a port because something else holds it. */
export class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
  readonly port: number;
  constructor(message: string, port: number) {
    super(message);
    this.port = port;
    this.name = 'PortInUseError';
  }
}

export function isPortInUse(error: unknown): error is PortInUseError {
  return error instanceof PortInUseError;
}

/**
 * Runs `start` with the given ports, where each 0 is replaced by a port free right now; when
 * `start` fails with a PortInUseError on a port chosen here (or on none of these ports: one the
 * program chose itself), the ports are chosen again (up to `attempts` times). A clash on a port
 * given explicitly is the caller's to report.
 */
export async function withPorts<T>(requested: readonly number[], start: (ports: number[]) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports: number[] = [];
    for (const port of requested) ports.push(port === 0 ? await distinctFreePort(ports) : port);
    try {
      return await start(ports);
    } catch (error) {
      // a port chosen here, or one the program chose itself (the Temporal dev server picks some)
      const chosen = isPortInUse(error) && (!ports.includes(error.port) || requested[ports.indexOf(error.port)] === 0);
      if (!chosen || attempt >= attempts) throw error;
    }
  }
}

async function distinctFreePort(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.includes(port)) return port;
  }
}

/** Each port with what uses it and the variable that sets it ("audit port 4003 (AUDIT_PORT)"). */
export async function assertPortsFree(ports: readonly { what: string; variable: string; port: number }[]): Promise<void> {
  const taken: string[] = [];
  for (const { what, variable, port } of ports) {
    if (port !== 0 && !(await isPortFree(port))) taken.push(`${what} port ${port} (${variable})`);
  }
  if (taken.length > 0) {
    throw new Error(
      `Already in use: ${taken.join(', ')}. Stop whatever is listening there (is Credence already running?) ` +
        `or set ${taken.length === 1 ? 'that variable to another port' : 'those variables to other ports'} (0 picks a free one).`,
    );
  }
}
