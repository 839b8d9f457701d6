import { startDevSmtpServer, type DevSmtpServer } from '../../src/modules/notifications/dev-smtp.js';

/**
 * An SMTP server a test runs for a SimFill in another process (its SMTP_URL). A message counts as delivered when
 * the server has accepted it (answered the end of DATA); `holdNext()` keeps the next one waiting there, as a slow
 * mail server would, so a test can stop the sender mid-send.
 */
export interface SunkMessage {
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
}

export interface SmtpSink {
  readonly url: string;
  readonly delivered: SunkMessage[];
  /** The next message waits in DATA, never accepted; resolves once it has arrived there. */
  holdNext(): Promise<SunkMessage>;
  /** Resolves when the next message has arrived (before it is accepted). */
  nextArrival(): Promise<void>;
  nextMessageTo(address: string, timeoutMs?: number): Promise<SunkMessage>;
  close(): Promise<void>;
}

/** `acceptAfterMs`: how long the server takes to accept each message (a slow mail server; 0 by default). */
export async function startSmtpSink(options: { acceptAfterMs?: number } = {}): Promise<SmtpSink> {
  const delivered: SunkMessage[] = [];
  const seen = new Set<SunkMessage>();
  let hold: ((message: SunkMessage) => void) | undefined;
  let arrivals: (() => void)[] = [];
  const server: DevSmtpServer = await startDevSmtpServer({
    host: '127.0.0.1',
    port: 0,
    onMessage: async (received) => {
      const message: SunkMessage = {
        to: received.envelopeTo,
        subject: received.parsed.subject ?? '',
        text: received.parsed.text ?? '',
        messageId: received.parsed.messageId,
      };
      for (const arrived of arrivals) arrived();
      arrivals = [];
      if (hold) {
        const held = hold;
        hold = undefined;
        held(message);
        await new Promise(() => undefined);
      }
      if (options.acceptAfterMs) await new Promise((resolve) => setTimeout(resolve, options.acceptAfterMs));
      delivered.push(message);
    },
  });
  return {
    url: `smtp://127.0.0.1:${server.port}`,
    delivered,
    holdNext: () => new Promise((resolve) => (hold = resolve)),
    nextArrival: () => new Promise((resolve) => arrivals.push(resolve)),
    async nextMessageTo(address, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = delivered.find((message) => !seen.has(message) && message.to.includes(address));
        if (found) {
          seen.add(found);
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no new email to ${address} within ${timeoutMs} ms`);
    },
    close: () => server.close(),
  };
}
