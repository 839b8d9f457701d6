import type { Money } from '../wallet/types';

/** The line shapes the portal reads (see the OpenAPI document for the full contracts). */

export interface Operator {
  id: string;
  name: string;
  country: string;
  carrier: { id: string; slug: string; name: string } | null;
}

export interface Line {
  id: string;
  phone: string;
  phone_national: string;
  country: string;
  nickname: string | null;
  operator: Operator | null;
  operator_source: 'detected' | 'customer' | 'unknown';
  iccid: string | null;
}

export type OfferKind = 'airtime' | 'bundle' | 'data' | 'pin';

export interface Offer {
  id: string;
  kind: OfferKind;
  name: string;
  face: Money | null;
  price: Money | null;
  range: { minimum: Money; maximum: Money; markup_bps: number } | null;
  validity_days: number | null;
  data_quota_mb: number | null;
  unlimited_data: boolean;
  eta_minutes: number;
}

export interface LineSummary {
  line: Line;
  plan: {
    name: string;
    validity_days: number | null;
    data_quota_mb: number | null;
    unlimited_data: boolean;
    renewed_at: string;
    expires_at: string | null;
  } | null;
  /** The line's own balance, only where its carrier reports it (none does through Reloadly). */
  balance: { reported: boolean; amount: Money | null; as_of: string | null };
  data: { reported: boolean; used_mb: number | null; remaining_mb: number | null; as_of: string | null };
  next_charge_at: string | null;
  in_progress: number;
  history: {
    order: string;
    product: string;
    kind: string;
    amount: Money;
    status: 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';
    pin: string | null;
    created_at: string;
  }[];
  actions: OfferKind[];
}
