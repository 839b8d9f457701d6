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
import { createAiraloClient } from './adapters/airalo/client.js';
import { es2PlusClient } from './adapters/es2plus/client.js';
import { luhnCheckDigit } from './kernel/identifiers.js';
import { startAiraloSimulator } from './simulators/airalo/server.js';
import { startSmdpSimulator } from './simulators/smdp/server.js';
import type { Outside, SimulatedOutside, SmdpConnection } from './runtime.js';

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
  const esimProvider = configured.esimProvider ?? (await startAiralo(clock, secrets().airalo, started));
  let smdpInventoryCsv: string | undefined;
  let smdp = configured.smdp;
  if (!smdp) {
    smdpInventoryCsv = embeddedSmdpInventory(secrets().smdp.requesterId);
    smdp = await startSmdp(config, clock, secrets().smdp, smdpInventoryCsv, started);
  }
  return {
    fxFeed,
    providers,
    airtime,
    esimProvider,
    smdp,
    smdpInventoryCsv,
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

async function startAiralo(clock: Clock, credentials: SimulatorSecrets['airalo'], started: Started) {
  const simulator = await startAiraloSimulator({ ...credentials, clock });
  started.closers.push(() => simulator.close());
  started.banner.push(`eSIMs        Airalo-compatible simulator at ${simulator.baseUrl}`);
  return createAiraloClient({ ...credentials, apiBase: simulator.baseUrl, timeoutMs: 10_000 });
}

/**
 * The profile type of the embedded SM-DP+'s profiles: the demo catalog's own-brand eSIM plan orders it
 * (`esim_package_id`).
 */
export const EMBEDDED_SMDP_PROFILE_TYPE = 'SIMFILL-US-DATA';
const EMBEDDED_SMDP_PROFILES = 1_000;
/** The SM-DP+'s own identifier and the host name its activation codes carry. */
const EMBEDDED_SMDP_ADDRESS = 'SMDP.SIMFILL.TEST';

/**
 * The same profiles on every start (`89 01 999` and a serial: a US ICCID of an issuer that does not exist), so
 * the pool SimFill imported before matches the simulator again after a restart. The simulator keeps its profile
 * states in memory: profiles SimFill assigned before a restart stay assigned in its pool and are not reused.
 */
function embeddedSmdpInventory(owner: string): string {
  const lines = ['iccid,profileType,owner'];
  for (let serial = 0; serial < EMBEDDED_SMDP_PROFILES; serial += 1) {
    const payload = `8901999${String(serial).padStart(11, '0')}`;
    lines.push(`${payload}${luhnCheckDigit(payload)},${EMBEDDED_SMDP_PROFILE_TYPE},${owner}`);
  }
  return lines.join('\n');
}

async function startSmdp(
  config: Config,
  clock: Clock,
  credentials: SimulatorSecrets['smdp'],
  inventoryCsv: string,
  started: Started,
): Promise<SmdpConnection> {
  const { requesterId, notificationSecret } = credentials;
  const simulator = await startSmdpSimulator({
    clock,
    smdpAddress: EMBEDDED_SMDP_ADDRESS,
    smdpId: EMBEDDED_SMDP_ADDRESS,
    operators: [requesterId],
    notificationUrl: `${config.http.baseUrl}/gsma/rsp2/es2plus/handleDownloadProgressInfo`,
    notificationSecret,
    inventoryCsv,
  });
  started.closers.push(() => simulator.close());
  started.banner.push(
    `SM-DP+       ES2+ SM-DP+ simulator at ${simulator.baseUrl} (${EMBEDDED_SMDP_PROFILES} ${EMBEDDED_SMDP_PROFILE_TYPE} profiles; a phone: POST /_simulator/devices/download)`,
  );
  return {
    client: es2PlusClient({ baseUrl: simulator.baseUrl, requesterId, timeoutMs: 10_000 }),
    smdpId: EMBEDDED_SMDP_ADDRESS,
    smdpAddress: simulator.smdpAddress,
    notificationSecret,
  };
}
