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
