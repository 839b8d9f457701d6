import type { SimRequest } from '../kit/server.js';
import type { ReloadlyCall, ReloadlyRouter } from './api.js';
import type { SimOperator } from './catalog.js';
import { errorReply, notFound, reloadlyDate, type Reply } from './errors.js';
import {
  cents,
  dollars,
  parseRecipient,
  type Recipient,
  type ReloadlyStore,
  type SimTransaction,
} from './store.js';

/**
 * Top-ups: `POST /topups` (the full transaction) and `/topups-async` (`{transactionId}`), checked in Reloadly's
 * order, and `GET /topups/{id}/status`. A top-up may hang, answer PROCESSING or be refused as the faults plan.
 */

export function transactionView(store: ReloadlyStore, transaction: SimTransaction) {
  const operator = store.operatorById(transaction.operatorId)!;
  return {
    transactionId: transaction.transactionId,
    status: transaction.status,
    operatorTransactionId: transaction.status === 'SUCCESSFUL' ? `OP${transaction.transactionId}` : null,
    customIdentifier: transaction.customIdentifier,
    recipientPhone: transaction.phone.replace('+', ''),
    recipientEmail: null,
    senderPhone: null,
    countryCode: transaction.countryCode,
    operatorId: transaction.operatorId,
    operatorName: operator.name,
    discount: transaction.discount,
    discountCurrencyCode: 'USD',
    requestedAmount: transaction.requestedAmount,
    requestedAmountCurrencyCode: 'USD',
    deliveredAmount: transaction.deliveredAmount,
    deliveredAmountCurrencyCode: operator.destinationCurrencyCode,
    transactionDate: reloadlyDate(transaction.at),
    pinDetail: transaction.pin
      ? {
          serial: transaction.pin.serial,
          info1: 'Dial *233 from your phone, or call 611, and enter the PIN.',
          info2: 'The refill adds its value to the account balance.',
          info3: null,
          value: null,
          code: transaction.pin.code,
          ivr: '1-877-778-2106',
          validity: '12 months',
        }
      : null,
    // The sender's account, as in the Java SDK's fixtures: debited by the cost (amount − discount), in the
    // account's currency — never the line's balance, which Reloadly does not report.
    balanceInfo: transaction.balance
      ? {
          oldBalance: transaction.balance.oldBalance,
          newBalance: transaction.balance.newBalance,
          currencyCode: 'USD',
          currencyName: 'US Dollar',
          updatedAt: reloadlyDate(transaction.at),
        }
      : null,
  };
}

/** A top-up that passed Reloadly's checks, and what it costs the float (amount − discount, in cents). */
interface AcceptedTopUp {
  operator: SimOperator;
  customIdentifier: string;
  recipient: Recipient;
  /** In the sender's currency (USD) and, delivered, in the operator's. */
  amount: number;
  delivered: number;
  local: boolean;
  discount: number;
  costMinor: number;
}

/**
 * The amount asked for, in both currencies. `useLocalAmount: true` (operators that support it) means `amount` is in
 * the destination currency and delivered exactly; the sender pays it at the operator's rate, to the cent.
 */
function amountsOf(operator: SimOperator, body: Record<string, unknown>) {
  const asked = Number(body.amount);
  const local = body.useLocalAmount === true;
  if (!local)
    return { local, asked, amount: asked, delivered: Math.round(asked * operator.fxRate * 100) / 100 };
  return { local, asked, amount: Math.round((asked / operator.fxRate) * 100) / 100, delivered: asked };
}

function validAmountFor(operator: SimOperator, local: boolean, asked: number): boolean {
  if (!Number.isFinite(asked)) return false;
  if (local) {
    if (!operator.supportsLocalAmounts) return false;
    if (operator.denominationType === 'RANGE')
      return asked >= operator.localMinAmount! && asked <= operator.localMaxAmount!;
    return operator.fixed.some((entry) => cents(entry.amount * operator.fxRate) === cents(asked));
  }
  return operator.denominationType === 'RANGE'
    ? asked >= operator.minAmount! && asked <= operator.maxAmount!
    : operator.fixed.some((entry) => cents(entry.amount) === cents(asked));
}

/** Reloadly's checks, in its order; the first that fails is the answer. */
function checkTopUp(
  store: ReloadlyStore,
  body: Record<string, unknown>,
  path: string,
): AcceptedTopUp | Reply {
  const refuse = (status: number, errorCode: string, message: string) =>
    errorReply(status, errorCode, message, path, store.clock);
  const customIdentifier = typeof body.customIdentifier === 'string' ? body.customIdentifier : undefined;
  const operator = store.operatorById(Number(body.operatorId));
  if (!operator) return refuse(404, 'OPERATOR_NOT_FOUND', 'Operator not found');
  if (!customIdentifier) return refuse(400, 'INVALID_CUSTOM_IDENTIFIER', 'customIdentifier is required');
  if (store.transactionsByIdentifier.has(customIdentifier)) {
    return refuse(400, 'CUSTOM_IDENTIFIER_ALREADY_USED', 'The custom identifier has already been used');
  }
  const recipient = parseRecipient(body.recipientPhone);
  if (!recipient || recipient.countryIso !== operator.countryIso) {
    return refuse(400, 'INVALID_RECIPIENT_PHONE', 'Invalid recipient phone number');
  }
  if (store.inactiveOperatorIds.has(operator.operatorId)) {
    return refuse(400, 'OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE', 'The operator is currently unavailable');
  }
  const { local, asked, amount, delivered } = amountsOf(operator, body);
  if (!validAmountFor(operator, local, asked)) {
    return refuse(400, 'INVALID_AMOUNT_FOR_OPERATOR', 'The amount is not valid for this operator');
  }
  // Per number, whatever the amount or operator: the same number cannot be topped up again for 2 minutes.
  const last = store.lastTopUpAt.get(recipient.e164);
  if (last && store.clock.now().getTime() - last.getTime() < store.recentRechargeMs) {
    return refuse(
      400,
      'PHONE_RECENTLY_RECHARGED',
      'This phone number was recharged recently; try again in 2 minutes',
    );
  }
  const discount = Math.round(amount * operator.internationalDiscount) / 100;
  const costMinor = cents(amount - discount);
  if (costMinor > store.floatMinor) {
    return refuse(400, 'INSUFFICIENT_BALANCE', 'Your account balance is insufficient');
  }
  return { operator, customIdentifier, recipient, amount, delivered, local, discount, costMinor };
}

/** Records the transaction, then refuses it, leaves it PROCESSING or applies it, as the faults plan. */
function topUp({ store, url, body }: ReloadlyCall, async: boolean): Reply | 'hang' {
  store.topUpRequestCount += 1;
  const accepted = checkTopUp(store, body, url.pathname);
  if ('status' in accepted) return accepted;
  const { operator, recipient, amount, costMinor } = accepted;
  const now = store.clock.now();
  const transaction: SimTransaction = {
    transactionId: store.takeTransactionId(),
    status: 'SUCCESSFUL',
    customIdentifier: accepted.customIdentifier,
    operatorId: operator.operatorId,
    phone: recipient.e164,
    countryCode: recipient.countryIso,
    requestedAmount: amount,
    deliveredAmount: accepted.delivered,
    useLocalAmount: accepted.local,
    discount: accepted.discount,
    at: now,
    settlesAt: null,
    settlesAs: 'SUCCESSFUL',
    balance: null,
    pin: null,
    applied: false,
  };
  store.lineOf(recipient.e164, operator);
  store.transactions.push(transaction);
  store.transactionsByIdentifier.set(transaction.customIdentifier, transaction);
  const refusal = store.faults.takeRefusal();
  if (refusal !== undefined) {
    transaction.status = 'FAILED';
    return errorReply(400, refusal, 'The top-up failed at the operator', url.pathname, store.clock);
  }
  const float = store.floatMinor;
  transaction.balance = { oldBalance: dollars(float), newBalance: dollars(float - costMinor) };
  store.floatMinor -= costMinor;
  store.lastTopUpAt.set(recipient.e164, now);
  const processing = store.faults.takeProcessing();
  if (processing) {
    transaction.status = 'PROCESSING';
    transaction.settlesAt = new Date(now.getTime() + processing.forMs);
    transaction.settlesAs = processing.settlesAs;
  } else {
    store.applyToCarrier(transaction);
  }
  if (store.faults.takeTopUpTimeout(true)) return 'hang';
  return {
    status: 200,
    body: async ? { transactionId: transaction.transactionId } : transactionView(store, transaction),
  };
}

function topUpStatus({ store, url, params }: ReloadlyCall): Reply {
  const path = url.pathname;
  if (!/^\d+$/.test(params.id!)) return notFound(path, store.clock);
  const transaction = store.transactions.find((t) => t.transactionId === Number(params.id));
  if (!transaction)
    return errorReply(404, 'TRANSACTION_NOT_FOUND', 'Transaction not found', path, store.clock);
  return {
    status: 200,
    body: {
      code: null,
      message: null,
      status: transaction.status,
      transaction: transactionView(store, transaction),
    },
  };
}

/** A top-up timeout planned before processing: the request counts, nothing happens, no answer. */
export function hangTopUpBeforeProcessing(
  store: ReloadlyStore,
  { method, url }: SimRequest,
): 'hang' | undefined {
  if (method !== 'POST' || !url.pathname.startsWith('/topups') || !store.faults.takeTopUpTimeout(false))
    return undefined;
  store.topUpRequestCount += 1;
  return 'hang';
}

export function addTopUpRoutes(router: ReloadlyRouter): void {
  router
    .post('/topups', (call) => topUp(call, false))
    .post('/topups-async', (call) => topUp(call, true))
    .get('/topups/:id/status', topUpStatus);
}
