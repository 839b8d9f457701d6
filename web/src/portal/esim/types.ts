import type { Line, Money, Order, Plan } from '../../api/types';

/**
 * The eSIM API's shapes, written by hand from the shared contract (issue 17, `esim-api.md`) while the server side is
 * built in parallel. When its routes land, these become aliases of the generated `web/src/api/schema.ts` (as
 * `web/src/api/types.ts` does for every other shape) and the compiler shows any difference.
 */

export type EsimInstallState = 'not_installed' | 'downloaded' | 'installed' | 'enabled' | 'deleted';
export type EsimSource = 'airalo' | 'smdp';

/** Everything a phone needs to download the profile; every path derives from `activation_code`. */
export interface EsimInstall {
  /** `LPA:1$<SM-DP+ address>$<matching id>`: what the QR encodes and Android's manual entry takes. */
  activation_code: string;
  smdp_address: string;
  matching_id: string;
  confirmation_code_required: boolean;
  /** iOS 17.4+: one tap installs the eSIM on the iPhone that opens it. */
  apple_install_url: string;
  qr_png_url: string;
  qr_svg_url: string;
}

export interface EsimPackage {
  package_id: string;
  kind: 'new' | 'topup';
  name: string;
  data_mb: number | null;
  unlimited: boolean;
  validity_days: number;
  /** ISO 3166-1 alpha-2. */
  countries: string[];
  added_at: string;
}

export interface EsimUsage {
  total_mb: number | null;
  remaining_mb: number | null;
  unlimited: boolean;
  expires_at: string | null;
  status: string | null;
  observed_at: string;
  /** `provider`: the eSIM provider's usage API; `simfill`: SimFill's own count. */
  source: 'provider' | 'simfill';
}

export interface Esim {
  object: 'esim';
  id: string;
  iccid: string;
  line: string | null;
  order: string;
  source: EsimSource;
  /** The plan's name in the reader's language. */
  name: string;
  install_state: EsimInstallState;
  install_state_at: string;
  install: EsimInstall;
  packages: EsimPackage[];
  usage: EsimUsage | null;
  top_up_allowed: boolean;
  created_at: string;
}

export interface EsimList {
  object: 'list';
  data: Esim[];
  has_more: boolean;
}

export interface EsimTopUpPackage {
  object: 'esim_top_up_package';
  package_id: string;
  name: string;
  data_mb: number | null;
  unlimited: boolean;
  validity_days: number;
  countries: string[];
  price: Money;
}

export interface EsimTopUpPackageList {
  object: 'list';
  data: EsimTopUpPackage[];
  has_more: false;
}

/** `POST /v1/quotes` products: a new eSIM of a catalog plan, and more data on one the customer has. */
export type EsimQuoteProduct =
  { type: 'esim'; plan: string } | { type: 'esim_topup'; esim: string; package: string };

/** `GET /v1/orders/{id}`: the eSIM this order issued or topped up, once known. */
export type EsimOrder = Order & { esim?: string | null };

/** `GET /v1/plans`: true when the plan has an eSIM source (a travel eSIM that can be bought now). */
export type EsimPlan = Plan & { esim_purchasable?: boolean };

/** `GET /v1/lines`: an eSIM bought here is a data-only line, without a number. */
export type AnyLine = Omit<Line, 'phone' | 'phone_national'> & {
  kind?: 'sim' | 'esim';
  phone: string | null;
  phone_national: string | null;
  esim?: string | null;
};

export const ESIM_ID = /^esim_[0-9a-z]{26}$/;
/** The install states in which the profile is on a phone: nothing left to scan. */
export const ON_PHONE: EsimInstallState[] = ['installed', 'enabled'];

/** The eSIM a line is (`esim: "esim_…"` on an eSIM line), else null. */
export function esimOfLine(line: object): string | null {
  return 'esim' in line && typeof line.esim === 'string' ? line.esim : null;
}
