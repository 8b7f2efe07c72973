// PostgreSQL and the Temporal dev server, started on a port another program holds, fail with a
// PortInUseError naming that port, which is what lets the stack choose a port again (withPorts)
// instead of stopping with the log's last lines.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PortInUseError } from './ports.ts';
import { startPostgres } from './postgres.ts';
import { silentProgress } from './progress.ts';
import { resolveTemporalCli } from './temporal-cli.ts';
import { startTemporal } from './temporal.ts';

let dir: string;
let holder: Server;
let held: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-clash-'));
  chmodSync(dir, 0o711); // as root, the postgres user must reach the cluster inside (as the stack does)
  holder = createServer((socket) => socket.destroy()); // it only holds the port
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  held = (holder.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('a port another program holds', () => {
  it('fails the PostgreSQL start with a PortInUseError for that port', async () => {
    const start = startPostgres({ dir: join(dir, 'postgres'), port: held, superuserPassword: 'clash-test-password', logFile: join(dir, 'postgres.log'), fast: true });
    await expect(start).rejects.toThrow(PortInUseError);
    await expect(start).rejects.toMatchObject({ port: held, message: `PostgreSQL could not listen on 127.0.0.1:${held}: the port is already in use` });
  }, 60_000);

  it('fails the Temporal dev server start with a PortInUseError for that port', async () => {
    const cli = await resolveTemporalCli(silentProgress);
    const start = startTemporal({ cli, port: held, uiPort: null, dbFile: null, logFile: join(dir, 'temporal.log') });
    await expect(start).rejects.toThrow(PortInUseError);
    await expect(start).rejects.toMatchObject({ port: held });
  }, 60_000);
});
