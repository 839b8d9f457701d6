import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { LinesDeps } from '../../modules/lines/service.js';
import { hasPaidOrder } from '../../modules/orders/service.js';
import {
  createQuote,
  methodFeeSchedules,
  type MethodFeeSchedule,
  type PaymentMethod,
  type PricingSettings,
  type QuoteProduct,
  type QuoteRow,
} from '../../modules/pricing/service.js';
import type { EsimSources } from '../../modules/esim/service.js';
import { priceEsimChoice, type EsimChoice } from './esim.js';
import { priceLineTopUp, type LineTopUpChoice } from './offers.js';

/**
 * The first step of the checkout: price what the customer chose and lock it. The product is priced here (a line
 * top-up from the catalog for its recipient), the customer's history decides the first top-up fee waiver
 * (orders), and pricing adds the method fee, tax and FX rate and stores the quote.
 */

export interface QuoteDeps {
  db: Db;
  clock: Clock;
  pricing: PricingSettings;
  /** Line top-ups: the number checks and the operator lookup. */
  lines: LinesDeps;
  /** eSIMs: the sources (a top-up's packages are its source's for that eSIM). */
  esim: { sources: EsimSources };
}

export type ProductChoice =
  | { type: 'wallet_credit'; amountMinor: number; currency: string }
  | ({ type: 'line_topup' } & LineTopUpChoice)
  | EsimChoice;

export interface QuoteOrderInput {
  customerId: string;
  product: ProductChoice;
  method: PaymentMethod;
}

/** A customer who has never paid an order pays no method fee on the first one. */
async function isFirstTopUp(db: Db, customerId: string): Promise<boolean> {
  return !(await hasPaidOrder(db, customerId));
}

async function productOf(deps: QuoteDeps, customerId: string, choice: ProductChoice): Promise<QuoteProduct> {
  if (choice.type === 'wallet_credit') {
    return { kind: 'wallet_credit', amountMinor: choice.amountMinor, currency: choice.currency };
  }
  if (choice.type === 'esim' || choice.type === 'esim_topup')
    return priceEsimChoice(deps, customerId, choice);
  const priced = await priceLineTopUp(deps.lines, customerId, choice);
  return {
    kind: 'line_topup',
    amountMinor: priced.priceMinor,
    currency: priced.currency,
    name: priced.name,
    delivery: { ...priced.delivery },
  };
}

/**
 * Prices a purchase and locks it for `quoteLockMinutes`. A line top-up's name and delivery (recipient, provider
 * product) are locked into the quote's item, where the order takes them from.
 */
export async function quoteOrder(deps: QuoteDeps, input: QuoteOrderInput): Promise<QuoteRow> {
  const product = await productOf(deps, input.customerId, input.product);
  return createQuote(deps.db, deps.clock, deps.pricing, {
    customerId: input.customerId,
    product,
    method: input.method,
    firstTopUp: await isFirstTopUp(deps.db, input.customerId),
  });
}

export interface CheckoutOptions {
  walletTopUp: { presetsMinor: number[]; minimumMinor: number; maximumMinor: number };
  /** The methods a customer pays with (the wallet is not one for a wallet top-up), with their fees. */
  methods: MethodFeeSchedule[];
  firstTopUpFeeWaived: boolean;
  quoteLockMinutes: number;
}

const WALLET_TOP_UP_PRESETS_MINOR = [1000, 2000, 5000, 10000];

/** What a wallet top-up can be for this customer, before they ask for a quote. */
export async function checkoutOptions(
  deps: Pick<QuoteDeps, 'db' | 'pricing'>,
  customerId: string,
): Promise<CheckoutOptions> {
  const { pricing } = deps;
  const schedules = await methodFeeSchedules(deps.db);
  return {
    walletTopUp: {
      presetsMinor: WALLET_TOP_UP_PRESETS_MINOR.filter(
        (amount) => amount >= pricing.walletTopUpMinMinor && amount <= pricing.walletTopUpMaxMinor,
      ),
      minimumMinor: pricing.walletTopUpMinMinor,
      maximumMinor: pricing.walletTopUpMaxMinor,
    },
    methods: schedules.filter((schedule) => schedule.method !== 'wallet'),
    firstTopUpFeeWaived: await isFirstTopUp(deps.db, customerId),
    quoteLockMinutes: pricing.quoteLockMinutes,
  };
}
