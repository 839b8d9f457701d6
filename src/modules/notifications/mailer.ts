import nodemailer from 'nodemailer';

/** Sends one rendered email over SMTP. The real transport in production and tests alike: nodemailer. */
export interface Mailer {
  send(message: {
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

const TIMEOUT_MS = 10_000;

export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl, {
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}

/**
 * `simfill worker`/`serve` without SMTP_URL: every send fails (the email stays queued and its job retries), rather
 * than handing the message, live links and all, to whatever listens on the dev mailbox's port on this machine.
 */
export function createUnconfiguredMailer(): Mailer {
  const refuse = () => Promise.reject(new Error('SMTP_URL is not set; the email stays queued'));
  return { send: refuse, verify: refuse, close: () => undefined };
}
