// The local mail catcher of a development stack (maildev): an SMTP server on loopback that keeps
// every message the worker sends (invitations, password resets) and shows them on a web page,
// so that nothing leaves the machine. Messages are kept in the data directory.
// maildev is loaded only when a catcher starts: it is ESM-only (no `require` export), and test
// stacks, which never start it, are loaded by jest's global setup through `require`.

import { PortInUseError } from './ports.ts';

export interface RunningMailCatcher {
  /** Where the worker sends (SMTP_URL). */
  smtpUrl: string;
  /** The web page listing the messages. */
  webUrl: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: { smtpPort: number; webPort: number; mailDirectory: string }): Promise<RunningMailCatcher> {
  const { MailDev } = await import('maildev');
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: '127.0.0.1',
    web: options.webPort,
    webIp: '127.0.0.1',
    mailDirectory: options.mailDirectory,
    silent: true,
  });
  try {
    await maildev.start();
  } catch (error) {
    // A port taken between its choice and this start is chosen again (stack/ports.ts withPorts).
    const code = (error as { code?: string }).code;
    const port = Number((error as { port?: number }).port);
    if (code === 'EADDRINUSE') {
      await maildev.stop().catch(() => {});
      throw new PortInUseError(`The mail catcher cannot listen on 127.0.0.1:${port}: the port is already in use`, port);
    }
    throw error;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    webUrl: `http://127.0.0.1:${options.webPort}`,
    stop: () => maildev.stop(),
  };
}
