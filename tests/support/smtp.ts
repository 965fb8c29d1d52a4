// A real SMTP server for tests (the smtp-server package on a free port): the app's SMTP_URL points
// at it, nodemailer talks real SMTP to it, and each message that arrives is parsed with mailparser
// (headers, plain-text and HTML parts). Stop and start it again to simulate an outage.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface TestSmtp {
  /** smtp://127.0.0.1:<port> — give it to the app as SMTP_URL. */
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Messages addressed to `to` so far. */
  to(address: string): ParsedMail[];
  /** Waits until `count` messages to `to` arrived (default 15 s), then returns them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Stops accepting connections (an outage); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { messages.push(mail); callback(); }, (err: Error) => callback(err));
    },
  });
  let server = make();
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  const port = await listen(0);
  const addressed = (a: string) => messages.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address === a)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    to: addressed,
    async waitFor(address, count = 1, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (addressed(address).length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} message(s) to ${address}, got ${addressed(address).length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return addressed(address);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async start() {
      server = make();
      await listen(port);
    },
  };
}

/** A header as it was sent (mailparser turns List-* headers into objects), unfolded. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');
}
