import type { Line, Order, Plan } from '../../api/types';

import type { components } from '../../api/schema';

/** The eSIM API's shapes, as the server's OpenAPI document generates them (`npm run api:types`). */
type Schemas = components['schemas'];

export type Esim = Schemas['Esim'];
export type EsimInstall = Esim['install'];
export type EsimPackage = Esim['packages'][number];
export type EsimUsage = NonNullable<Esim['usage']>;
export type EsimInstallState = Esim['install_state'];
export type EsimSource = Esim['source'];
export type EsimTopUpPackage = Schemas['EsimTopUpPackage'];

export interface EsimList {
  object: 'list';
  data: Esim[];
  has_more: boolean;
}

export interface EsimTopUpPackageList {
  object: 'list';
  data: EsimTopUpPackage[];
  has_more: boolean;
}

/** `POST /v1/quotes` products: a new eSIM of a catalog plan, and more data on one the customer has. */
export type EsimQuoteProduct =
  { type: 'esim'; plan: string } | { type: 'esim_topup'; esim: string; package: string };

/** `GET /v1/orders/{id}`: `esim` is the eSIM this order issued or topped up, once known. */
export type EsimOrder = Order;

/** `GET /v1/plans`: `esim_purchasable` when the plan has an eSIM source. */
export type EsimPlan = Plan;

/** `GET /v1/lines`: an eSIM bought here is a data-only line (`kind: 'esim'`, no number). */
export type AnyLine = Line;

export const ESIM_ID = /^esim_[0-9a-z]{26}$/;
/** The install states in which the profile is on a phone: nothing left to scan. */
export const ON_PHONE: EsimInstallState[] = ['installed', 'enabled'];

/** The eSIM a line is (`esim: "esim_…"` on an eSIM line), else null. */
export function esimOfLine(line: object): string | null {
  return 'esim' in line && typeof line.esim === 'string' ? line.esim : null;
}
