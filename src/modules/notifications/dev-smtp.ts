import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * The embedded development SMTP server `simfill start` runs when no SMTP_URL is set: it accepts every message
 * on loopback and hands the parsed result to `onMessage` (which stores it in the dev mailbox). A real SMTP
 * conversation, so the code path that sends mail is the production one.
 */

export interface ReceivedMessage {
  envelopeFrom: string;
  envelopeTo: string[];
  parsed: ParsedMail;
  sizeBytes: number;
}

export interface DevSmtpServer {
  port: number;
  close(): Promise<void>;
}

const MESSAGE_SIZE_MAX_BYTES = 10 * 1024 * 1024;

export async function startDevSmtpServer(options: {
  host: string;
  port: number;
  onMessage: (message: ReceivedMessage) => Promise<void>;
  onError?: (error: unknown) => void;
}): Promise<DevSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MESSAGE_SIZE_MAX_BYTES,
    banner: 'SimFill development mailbox',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        // mailparser takes ~190 ms to import: load it with the first message, not at start-up.
        import('mailparser')
          .then(({ simpleParser }) => simpleParser(raw))
          .then((parsed) =>
            options.onMessage({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((address) => address.address),
              parsed,
              sizeBytes: raw.length,
            }),
          )
          .then(
            () => callback(),
            (error: unknown) => {
              options.onError?.(error);
              callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 451 }));
            },
          );
      });
    },
  });
  server.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
