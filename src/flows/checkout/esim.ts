import type { DbOrTx, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import { planRowById } from '../../modules/catalog/service.js';
import {
  advanceEsimOrderOfOrder,
  attachLine,
  EsimSourceError,
  esimOrderOfOrder,
  getProfile,
  installView,
  profileById,
  queueEsimOrder,
  type EsimOrderRow,
  type EsimOutcomes,
  type EsimPackageSpec,
  type EsimSourceKind,
  type EsimSources,
  type ProfileRow,
  type TopUpPackage,
} from '../../modules/esim/service.js';
import type { TemplateName } from '../../modules/notifications/service.js';
import { addEsimLine } from '../../modules/lines/service.js';
import { lockOrder, transitionOrder, type OrderRow } from '../../modules/orders/service.js';
import type { QuoteProduct } from '../../modules/pricing/service.js';
import { esimTopUpNames, nameOfProduct } from '../../read/product-names.js';
import { postEsimDelivered } from './book.js';
import { compensate } from './compensations.js';
import type { Checkout } from './deps.js';
import type { ReceiptContact } from './products.js';
import { queueReceiptEmail } from './receipt.js';
import { orderMoneyOf } from './refunds.js';

/**
 * eSIMs in the checkout: a new eSIM of a catalog plan that has an eSIM source (`esim`), and more data on one the
 * customer has (`esim_topup`), priced, queued with the esim module in the paying transaction, and finished by its
 * outcomes — issued: the customer's eSIM line, revenue and cost booked, the order fulfilled, the install email;
 * failed for good: the order fails and the compensation table refunds it (`delivery_failed`).
 */

export type EsimChoice =
  { type: 'esim'; plan: string } | { type: 'esim_topup'; esim: string; package: string };

/** What an eSIM order carries from its quote (the order's `delivery`), fixed from then on. */
export interface EsimDelivery {
  source: EsimSourceKind;
  package_id: string;
  /** A new eSIM: the catalog plan; a top-up: the eSIM it goes to. */
  plan?: string;
  esim?: string;
  name: LocalizedText;
  data_mb: number | null;
  unlimited: boolean;
  validity_days: number;
  countries: string[];
  eta_minutes: number;
}

const sourceUnavailable = () => new AppError('esim_source_unavailable', { headers: { 'retry-after': '30' } });

/** The top-ups this eSIM accepts now, as its source prices them for the customer; 503 if it cannot be asked. */
export async function topUpPackagesOf(sources: EsimSources, profile: ProfileRow): Promise<TopUpPackage[]> {
  const source = sources[profile.source];
  if (!source) throw sourceUnavailable();
  try {
    return await source.topUpPackages(profile);
  } catch (error) {
    if (error instanceof EsimSourceError) throw sourceUnavailable();
    throw error;
  }
}

/** Prices an eSIM choice for the quote: a plan's price, or the source's price of a top-up for this eSIM only. */
export async function priceEsimChoice(
  deps: { db: DbOrTx; esim: { sources: EsimSources } },
  customerId: string,
  choice: EsimChoice,
): Promise<QuoteProduct> {
  if (choice.type === 'esim') {
    const plan = await planRowById(deps.db, choice.plan);
    if (!plan || !plan.active) throw notFound('plan', choice.plan, 'plan');
    if (plan.esimSource === null || plan.esimPackageId === null) {
      throw new AppError('plan_not_esim', { param: 'plan', values: { plan: plan.id } });
    }
    if (!deps.esim.sources[plan.esimSource]) throw sourceUnavailable();
    const delivery: EsimDelivery = {
      source: plan.esimSource,
      package_id: plan.esimPackageId,
      plan: plan.id,
      name: plan.name,
      data_mb: plan.unlimitedData ? null : plan.dataQuotaMb,
      unlimited: plan.unlimitedData,
      validity_days: plan.validityDays,
      countries: plan.countries,
      eta_minutes: 1,
    };
    return {
      kind: 'esim',
      amountMinor: plan.priceMinor,
      currency: plan.currency,
      name: plan.name,
      delivery: { ...delivery },
    };
  }
  const profile = await getProfile(deps.db, customerId, choice.esim);
  const offered = (await topUpPackagesOf(deps.esim.sources, profile)).find(
    (pkg) => pkg.packageId === choice.package,
  );
  if (!offered) {
    throw new AppError('esim_package_not_available', {
      param: 'package',
      values: { package: choice.package, esim: profile.id },
    });
  }
  const facts = {
    data_mb: offered.unlimited ? null : (offered.dataMb ?? null),
    unlimited: offered.unlimited,
    validity_days: offered.validityDays,
  };
  const name = esimTopUpNames(facts);
  const delivery: EsimDelivery = {
    source: profile.source,
    package_id: offered.packageId,
    esim: profile.id,
    name,
    ...facts,
    countries: offered.countries,
    eta_minutes: 1,
  };
  return {
    kind: 'esim_topup',
    amountMinor: offered.priceMinor,
    currency: offered.currency,
    name,
    delivery: { ...delivery },
  };
}

const specOf = (delivery: EsimDelivery): EsimPackageSpec => ({
  name: delivery.name,
  dataMb: delivery.data_mb,
  unlimited: delivery.unlimited,
  validityDays: delivery.validity_days,
  countries: delivery.countries,
});

/** Inside the paying transaction: the eSIM order of this paid order, and its first step enqueued (the outbox). */
export async function queueEsimOfOrder(
  tx: Tx,
  checkout: Checkout,
  order: OrderRow,
  kind: 'new' | 'topup',
): Promise<void> {
  const delivery = order.delivery as unknown as EsimDelivery;
  await queueEsimOrder(tx, checkout.esim, {
    orderId: order.id,
    customerId: order.customerId,
    kind,
    source: delivery.source,
    packageId: delivery.package_id,
    profileId: kind === 'topup' ? delivery.esim : undefined,
    spec: specOf(delivery),
  });
}

/** After the paying transaction: the first step now rather than at the job's next poll. */
export async function startEsimOrder(checkout: Checkout, orderId: string): Promise<void> {
  await advanceEsimOrderOfOrder(checkout.esim, orderId);
}

/** The confirmation email: the install page, Apple's one-tap link and the codes to type (new); the data added (top-up). */
export async function esimReceiptEmail(
  tx: Tx,
  order: OrderRow,
  contact: ReceiptContact,
  links: { baseUrl: string },
): Promise<{ template: TemplateName; values: Record<string, string> }> {
  const esimOrder = (await esimOrderOfOrder(tx, order.id))!;
  const profile = (await profileById(tx, esimOrder.profileId!))!;
  const product = nameOfProduct({ kind: order.product, delivery: order.delivery }, contact.locale);
  if (esimOrder.kind === 'topup') {
    return {
      template: 'esim_topped_up',
      values: { product, iccid: profile.iccid, esimLink: `${links.baseUrl}/esims/${profile.id}` },
    };
  }
  const install = installView(profile);
  return {
    template: 'esim_issued',
    values: {
      product,
      installLink: `${links.baseUrl}/esims/${profile.id}/install`,
      appleInstallUrl: install.apple_install_url,
      smdpAddress: install.smdp_address,
      matchingId: install.matching_id,
      activationCode: install.activation_code,
      confirmationCodeRequired: String(install.confirmation_code_required),
      iccid: profile.iccid,
    },
  };
}

/** Issued or topped up: the line (a new eSIM), revenue and cost booked, the order fulfilled and the email queued. */
async function delivered(tx: Tx, checkout: Checkout, esimOrder: EsimOrderRow, profile: ProfileRow) {
  const order = await lockOrder(tx, esimOrder.orderId);
  if (order.status !== 'fulfilling') return;
  if (esimOrder.kind === 'new') {
    const line = await addEsimLine(tx, checkout.clock, {
      customerId: order.customerId,
      esimId: profile.id,
      iccid: profile.iccid,
      countryIso: esimOrder.spec.countries[0] ?? 'US',
    });
    await attachLine(tx, checkout.clock, profile.id, line.id);
  }
  const money = await orderMoneyOf(tx, order);
  await postEsimDelivered(tx, checkout.clock, {
    orderId: order.id,
    customerId: order.customerId,
    valueMinor: money.totalMinor - money.feeMinor,
    costMinor: esimOrder.costMinor ?? 0,
    costCurrency: esimOrder.costCurrency ?? 'USD',
    source: esimOrder.source,
    kind: esimOrder.kind,
  });
  const fulfilled = await transitionOrder(tx, checkout.clock, order, 'fulfilled', {
    cause: esimOrder.kind === 'new' ? 'esim_issued' : 'esim_topped_up',
    actor: 'system',
  });
  await queueReceiptEmail(tx, checkout, fulfilled);
}

/** Refused for good: the order fails and the compensation table refunds it. */
async function failed(tx: Tx, checkout: Checkout, esimOrder: EsimOrderRow, providerCode: string) {
  const order = await lockOrder(tx, esimOrder.orderId);
  if (order.status !== 'fulfilling') return;
  const failedOrder = await transitionOrder(tx, checkout.clock, order, 'failed', {
    cause: `esim_${providerCode.toLowerCase()}`,
    actor: 'system',
  });
  await compensate(tx, checkout, 'delivery_failed', { order: failedOrder });
}

export function esimOutcomesOf(checkout: Checkout): EsimOutcomes {
  return {
    issued: (tx, esimOrder, profile) => delivered(tx, checkout, esimOrder, profile),
    toppedUp: (tx, esimOrder, profile) => delivered(tx, checkout, esimOrder, profile),
    failed: (tx, esimOrder, providerCode) => failed(tx, checkout, esimOrder, providerCode),
  };
}
