import type { Config } from './config.js';
import type { Clock } from './kernel/clock.js';
import { loadSimulatorSecrets, type SimulatorSecrets } from './simulator-secrets.js';
import { createOpenExchangeRatesFeed } from './adapters/fx/open-exchange-rates.js';
import { createStripeProvider, STRIPE_WEBHOOK_EVENTS } from './adapters/stripe/provider.js';
import { createPayPalProvider } from './adapters/paypal/provider.js';
import { createReloadlyProvider } from './adapters/reloadly/provider.js';
import { startFxSimulator } from './simulators/fx/server.js';
import { startStripeSimulator } from './simulators/stripe/server.js';
import { startPayPalSimulator } from './simulators/paypal/server.js';
import { RELOADLY_AUDIENCE, startReloadlySimulator } from './simulators/reloadly/server.js';
import type { Outside, SimulatedOutside } from './runtime.js';

/**
 * The embedded simulators of `simfill start`: each outside system the configuration leaves unset gets its
 * simulator on loopback, with the real client pointed at it. The only production file that imports simulator code;
 * runtime.ts loads it with `import()` on the `start` path alone, so `serve` and `worker` (and the bundle's static
 * graph) carry none. The simulators' credentials come only from the data dir's secrets file, read or created when
 * the first simulator starts.
 */
export async function startEmbeddedSimulators(
  config: Config,
  clock: Clock,
  configured: Outside,
): Promise<SimulatedOutside> {
  const started: Started = { closers: [], banner: [] };
  let loaded: SimulatorSecrets | undefined;
  const secrets = () => (loaded ??= loadSimulatorSecrets(config.dataDir));
  const fxFeed = configured.fxFeed ?? (await startFx(secrets().fx.appId, clock, started));
  const providers = { ...configured.providers };
  providers.stripe ??= await startStripe(config, secrets().stripe, started);
  providers.paypal ??= await startPayPal(config, clock, secrets().paypal, started);
  const airtime = configured.airtime ?? (await startReloadly(clock, secrets().reloadly, started));
  return {
    fxFeed,
    providers,
    airtime,
    banner: started.banner,
    close: async () => {
      for (const close of started.closers) await close();
    },
  };
}

interface Started {
  closers: (() => Promise<void>)[];
  /** Lines for the start banner: which simulators run where. */
  banner: string[];
}

async function startFx(appId: string, clock: Clock, started: Started) {
  const fx = await startFxSimulator({ appId, clock });
  started.closers.push(() => fx.close());
  return createOpenExchangeRatesFeed({
    baseUrl: fx.baseUrl,
    appId,
    timeoutMs: 5_000,
    name: 'SimFill FX simulator',
  });
}

async function startStripe(config: Config, credentials: SimulatorSecrets['stripe'], started: Started) {
  const { secretKey, webhookSecret } = credentials;
  const stripe = await startStripeSimulator({
    secretKey,
    webhookSecret,
    webhookUrl: `${config.http.baseUrl}/v1/webhooks/stripe`,
    enabledEvents: STRIPE_WEBHOOK_EVENTS,
    // Stripe's schedule at a tenth: retries after 6 s, 12 s, 24 s, … (15 attempts over about 6.5 hours), so a
    // webhook refused while the database restarts for minutes still arrives, a little after it is back.
    webhookRetry: { scale: 0.1 },
  });
  started.closers.push(() => stripe.close());
  started.banner.push(
    `Payments     Stripe-compatible simulator at ${stripe.baseUrl} (test cards: 4242 4242 4242 4242)`,
  );
  return createStripeProvider({ secretKey, webhookSecret, apiBase: stripe.baseUrl, timeoutMs: 10_000 });
}

async function startPayPal(
  config: Config,
  clock: Clock,
  credentials: SimulatorSecrets['paypal'],
  started: Started,
) {
  const { clientId, clientSecret, webhookId } = credentials;
  const paypal = await startPayPalSimulator({
    clientId,
    clientSecret,
    webhookId,
    webhookUrl: `${config.http.baseUrl}/v1/webhooks/paypal`,
    clock,
  });
  started.closers.push(() => paypal.close());
  started.banner.push(`PayPal       PayPal Orders v2 simulator at ${paypal.baseUrl}`);
  return createPayPalProvider({
    clientId,
    clientSecret,
    webhookId,
    apiBase: paypal.baseUrl,
    timeoutMs: 10_000,
  });
}

async function startReloadly(clock: Clock, credentials: SimulatorSecrets['reloadly'], started: Started) {
  const simulator = await startReloadlySimulator({ ...credentials, clock });
  started.closers.push(() => simulator.close());
  started.banner.push(`Top-ups      Reloadly-compatible simulator at ${simulator.baseUrl} (float $10,000)`);
  return createReloadlyProvider({
    ...credentials,
    authUrl: simulator.baseUrl,
    apiBase: simulator.baseUrl,
    audience: RELOADLY_AUDIENCE,
    timeoutMs: 10_000,
  });
}
