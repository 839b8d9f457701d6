import type { Money } from '../../portal/wallet/types';

/** The console's top-up shapes (see the OpenAPI document: Delivery, TopUpProduct, Reconciliation, Mismatch). */

export type DeliveryStatus = 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';

export interface Delivery {
  id: string;
  order: string;
  customer: string;
  recipient: string;
  product: string;
  kind: string;
  amount: Money;
  status: DeliveryStatus;
  attempts: number;
  custom_identifier: string;
  provider: string;
  provider_transaction_id: string | null;
  last_error_code: string | null;
  next_check_at: string | null;
  cost: Money | null;
  /** SimFill's account (the float) at the provider after this top-up — not the line's balance. */
  provider_balance_after: Money | null;
  pin: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DeliveryEvent {
  kind: string;
  attempt: number;
  custom_identifier: string;
  provider_code: string | null;
  detail: Record<string, unknown>;
  at: string;
}

export interface TopUpProduct {
  id: string;
  operator: { id: string; name: string; country: string; active: boolean };
  kind: string;
  name: string;
  provider_description: string | null;
  face: Money | null;
  markup_bps: number;
  eta_minutes: number;
  active: boolean;
  listed: boolean;
  synced_at: string;
}

export interface Reconciliation {
  id: string;
  provider: string;
  date: string;
  status: 'running' | 'done' | 'failed';
  provider_transactions: number;
  simfill_deliveries: number;
  matched: number;
  mismatches: number;
  progress: { pages_read: number; pages_total: number | null };
  started_by: string;
  started_at: string;
  finished_at: string | null;
  failure: string | null;
}

export interface Mismatch {
  id: string;
  kind: string;
  custom_identifier: string;
  delivery: string | null;
  order: string | null;
  provider_transaction_id: string | null;
  simfill: Record<string, unknown> | null;
  provider: Record<string, unknown> | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}
