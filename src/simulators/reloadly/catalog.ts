/**
 * The simulator's operators: the US carriers and MVNOs SimFill's customers use, each product line as its own
 * operator the way Reloadly lists them (airtime, bundles, data, PIN), plus China Mobile for +86 numbers. Bundle
 * amounts and descriptions follow the demo catalog's plans so a renewal matches a plan.
 */

export interface SimOperator {
  operatorId: number;
  name: string;
  countryIso: string;
  /** Which carrier's numbers it tops up (detection picks the airtime operator of this carrier). */
  carrier: string;
  bundle: boolean;
  data: boolean;
  pin: boolean;
  denominationType: 'RANGE' | 'FIXED';
  minAmount: number | null;
  maxAmount: number | null;
  /** FIXED: amounts in the sender currency (USD), with descriptions. */
  fixed: { amount: number; description: string; validityDays?: number; dataMb?: number }[];
  destinationCurrencyCode: string;
  /** Destination units per USD. */
  fxRate: number;
  /** Reloadly's discount to the operator, percent. */
  internationalDiscount: number;
  /**
   * Takes amounts in the destination currency (`useLocalAmount: true`) within `localMin…`–`localMax…` (RANGE);
   * the sender pays `amount / fxRate`, rounded to the cent.
   */
  supportsLocalAmounts: boolean;
  localMinAmount: number | null;
  localMaxAmount: number | null;
}

const GB = 1024;

const airtime = (
  operatorId: number,
  name: string,
  carrier: string,
  min: number,
  max: number,
): SimOperator => ({
  operatorId,
  name,
  countryIso: 'US',
  carrier,
  bundle: false,
  data: false,
  pin: false,
  denominationType: 'RANGE',
  minAmount: min,
  maxAmount: max,
  fixed: [],
  destinationCurrencyCode: 'USD',
  fxRate: 1,
  internationalDiscount: 4,
  supportsLocalAmounts: false,
  localMinAmount: min,
  localMaxAmount: max,
});

const fixedLine = (
  operatorId: number,
  name: string,
  carrier: string,
  kind: 'bundle' | 'data' | 'pin',
  fixed: SimOperator['fixed'],
): SimOperator => ({
  operatorId,
  name,
  countryIso: 'US',
  carrier,
  bundle: kind === 'bundle',
  data: kind === 'data',
  pin: kind === 'pin',
  denominationType: 'FIXED',
  minAmount: null,
  maxAmount: null,
  fixed,
  destinationCurrencyCode: 'USD',
  fxRate: 1,
  internationalDiscount: 3,
  supportsLocalAmounts: false,
  localMinAmount: null,
  localMaxAmount: null,
});

export const SIM_OPERATORS: SimOperator[] = [
  airtime(201, 'AT&T United States', 'att', 5, 100),
  fixedLine(202, 'AT&T United States Bundles', 'att', 'bundle', [
    { amount: 30, description: 'AT&T Prepaid 5GB 30 Days', validityDays: 30, dataMb: 5 * GB },
    { amount: 65, description: 'AT&T Unlimited 30 Days', validityDays: 30, dataMb: 16 * GB },
  ]),
  fixedLine(203, 'AT&T United States Data', 'att', 'data', [
    { amount: 5, description: 'AT&T 1GB Data Pass 1 Day', validityDays: 1, dataMb: GB },
  ]),
  airtime(211, 'T-Mobile United States', 't-mobile', 10, 100),
  fixedLine(212, 'T-Mobile United States Bundles', 't-mobile', 'bundle', [
    { amount: 40, description: 'T-Mobile Prepaid 10GB 30 Days', validityDays: 30, dataMb: 10 * GB },
    { amount: 50, description: 'T-Mobile Unlimited 30 Days', validityDays: 30, dataMb: 50 * GB },
  ]),
  fixedLine(213, 'T-Mobile United States Data', 't-mobile', 'data', [
    { amount: 10, description: 'T-Mobile 1GB Data 7 Days', validityDays: 7, dataMb: GB },
  ]),
  fixedLine(214, 'T-Mobile PIN United States', 't-mobile', 'pin', [
    { amount: 25, description: 'T-Mobile $25 Refill Card' },
    { amount: 50, description: 'T-Mobile $50 Refill Card' },
  ]),
  airtime(221, 'Verizon United States', 'verizon', 15, 100),
  fixedLine(222, 'Verizon United States Bundles', 'verizon', 'bundle', [
    { amount: 35, description: 'Verizon Prepaid 5GB 30 Days', validityDays: 30, dataMb: 5 * GB },
    { amount: 65, description: 'Verizon Unlimited 30 Days', validityDays: 30, dataMb: 25 * GB },
    { amount: 75, description: 'Verizon Prepaid 10GB 90 Days', validityDays: 90, dataMb: 10 * GB },
  ]),
  {
    ...fixedLine(231, 'Mint Mobile United States', 'mint', 'bundle', []),
    bundle: false,
    fixed: [
      { amount: 15, description: 'Mint Mobile $15 Airtime' },
      { amount: 25, description: 'Mint Mobile $25 Airtime' },
    ],
  },
  fixedLine(232, 'Mint Mobile United States Bundles', 'mint', 'bundle', [
    { amount: 45, description: 'Mint 5GB 90 Days', validityDays: 90, dataMb: 5 * GB },
    { amount: 90, description: 'Mint Unlimited 90 Days', validityDays: 90, dataMb: 40 * GB },
  ]),
  airtime(241, 'Cricket Wireless United States', 'cricket', 5, 100),
  fixedLine(242, 'Cricket Wireless United States Bundles', 'cricket', 'bundle', [
    { amount: 30, description: 'Cricket 5GB 30 Days', validityDays: 30, dataMb: 5 * GB },
    { amount: 55, description: 'Cricket Unlimited 30 Days', validityDays: 30, dataMb: 30 * GB },
  ]),
  // China Mobile takes ¥10–¥500 in CNY (useLocalAmount), or $1.41–$70.42 in USD; ¥1 = $1 / 7.1.
  {
    ...airtime(301, 'China Mobile China', 'china-mobile', 1.41, 70.42),
    countryIso: 'CN',
    destinationCurrencyCode: 'CNY',
    fxRate: 7.1,
    supportsLocalAmounts: true,
    localMinAmount: 10,
    localMaxAmount: 500,
  },
];

/** The airtime operators detection chooses from: the last digit of a US number picks one (documented). */
const US_BY_LAST_DIGIT = [211, 211, 211, 201, 201, 201, 221, 221, 231, 241];

export function detectOperatorId(nationalNumber: string, countryIso: string): number | undefined {
  if (countryIso === 'CN') return nationalNumber.startsWith('1') ? 301 : undefined;
  if (countryIso !== 'US') return undefined;
  return US_BY_LAST_DIGIT[Number(nationalNumber.at(-1))];
}

export function isAirtime(operator: SimOperator): boolean {
  return !operator.bundle && !operator.data && !operator.pin;
}
