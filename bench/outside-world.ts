import readline from 'node:readline';
import { SMTPServer } from 'smtp-server';
import { STRIPE_WEBHOOK_EVENTS } from '../src/adapters/stripe/provider.js';
import { startStripeSimulator } from '../src/simulators/stripe/server.js';
import { decide } from '../test/helpers/hosted.js';

/**
 * The world outside SimFill for the throughput benches, in its own process (its own core, as in production):
 * the Stripe-compatible simulator, an SMTP server that accepts and drops mail, and the customers' browsers that
 * approve payments on the hosted pages. Started by the bench with the Stripe keys; prints one JSON line with the
 * addresses, then takes the webhook URL as one line on stdin (SimFill's port is known only once it listens),
 * then `approve <n> <url>` lines, each answered `approved <n>` (or `failed <n> <why>`). Ends when stdin closes.
 */

const [secretKey, webhookSecret] = process.argv.slice(2);
if (!secretKey || !webhookSecret) throw new Error('usage: outside-world.ts <secret key> <webhook secret>');

const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData: (stream, _session, done) => stream.on('end', () => done()).resume(),
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const stripe = await startStripeSimulator({ secretKey, webhookSecret });
const smtpPort = (sink.server.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ stripeBaseUrl: stripe.baseUrl, smtpPort })}\n`);

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, id, url] = line.trim().split(' ');
  if (command === 'approve' && id && url) {
    decide(url, 'approve').then(
      () => process.stdout.write(`approved ${id}\n`),
      (error: unknown) => process.stdout.write(`failed ${id} ${String(error).replace(/\s+/g, ' ')}\n`),
    );
    return;
  }
  stripe.setWebhookUrl(line.trim(), STRIPE_WEBHOOK_EVENTS);
  process.stdout.write('ready\n');
});
lines.on('close', () => {
  void stripe.close().then(() => sink.close(() => process.exit(0)));
});
