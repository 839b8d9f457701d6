import type { Db } from '../db/index.js';
import { offersForOperator, type TopUpOffer } from '../modules/catalog/service.js';
import { getLine, type LineRow } from '../modules/lines/service.js';
import { deliveriesTo, expiryOf, type DeliveryRow } from '../modules/provisioning/service.js';

/**
 * The personal centre of a line: the line (lines), what SimFill delivered to its number (provisioning) and what
 * can be bought for it now (catalog). A read model: it joins the doors of three modules and changes nothing.
 */

const HISTORY_LIMIT = 20;

export interface LineSummary {
  line: LineRow;
  /** Deliveries to the line's number, newest first. */
  history: DeliveryRow[];
  /** The last plan renewal delivered, and when that plan runs out. */
  renewal: { delivery: DeliveryRow; expiresAt: Date | undefined } | undefined;
  inProgress: number;
  /** The kinds of offer the line's operator has now. */
  actions: TopUpOffer['product']['kind'][];
}

export async function readLineSummary(db: Db, customerId: string, lineId: string): Promise<LineSummary> {
  const line = await getLine(db, customerId, lineId);
  // A data-only eSIM line has no number: nothing was ever topped up to it by airtime.
  const history =
    line.phone === null
      ? []
      : await deliveriesTo(db, { customerId, recipient: line.phone, limit: HISTORY_LIMIT });
  const offers = line.operatorId ? await offersForOperator(db, line.operatorId) : [];
  const renewal = history.find((row) => row.status === 'succeeded' && row.kind === 'bundle');
  return {
    line,
    history,
    renewal: renewal ? { delivery: renewal, expiresAt: expiryOf(renewal) } : undefined,
    inProgress: history.filter((row) => ['queued', 'sending', 'processing'].includes(row.status)).length,
    actions: [...new Set(offers.map((offer) => offer.product.kind))],
  };
}
