import { formatValue, optionalString, optionalUrl, parseAmount } from './amounts.js';
import type { PayPalRouter } from './api.js';
import { badValue, fail, fixed, missing, notFound, type Json, type Reply } from './errors.js';
import { paypalId, type Capture, type Order, type PayPalStore } from './store.js';
import { captureView, orderReply, orderView } from './views.js';

/** Orders v2: create (with `payment_source.paypal` or `application_context`), show, capture. */

const FIELD = "/purchase_units/@reference_id=='default'";
const LOCALE_PATTERN = /^[a-z]{2}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/;

function checkIntent(intent: unknown) {
  if (intent === undefined) throw missing('/intent');
  if (intent === 'AUTHORIZE') {
    throw fail(422, [
      {
        field: '/intent',
        value: 'AUTHORIZE',
        location: 'body',
        issue: 'UNSUPPORTED_INTENT',
        description: 'The simulator takes intent CAPTURE only.',
      },
    ]);
  }
  if (intent !== 'CAPTURE') throw badValue('/intent', JSON.stringify(intent), 'INVALID_PARAMETER_VALUE');
}

function onlyUnit(units: unknown): Json {
  if (!Array.isArray(units) || units.length === 0) throw missing('/purchase_units');
  if (units.length > 1) {
    throw fail(400, [
      {
        field: '/purchase_units',
        location: 'body',
        issue: 'INVALID_ARRAY_MAX_ITEMS',
        description: 'The number of items in an array parameter is too large (the simulator takes one).',
      },
    ]);
  }
  return (units[0] ?? {}) as Json;
}

interface Experience {
  context: Json;
  contextField: string;
  prefillEmail: string | undefined;
}

/** Where the payer's experience is described: `payment_source.paypal.experience_context` or `application_context`. */
function experienceOf(body: Json, paymentSource: Json | undefined): Experience {
  if (paymentSource === undefined) {
    return {
      context: (body.application_context ?? {}) as Json,
      contextField: '/application_context',
      prefillEmail: undefined,
    };
  }
  const sources = Object.keys(paymentSource ?? {});
  if (sources.length !== 1 || sources[0] !== 'paypal') {
    throw fail(400, [
      {
        field: '/payment_source',
        location: 'body',
        issue: 'NOT_SUPPORTED',
        description: 'This field is not currently supported (the simulator takes payment_source.paypal).',
      },
    ]);
  }
  const paypal = (paymentSource.paypal ?? {}) as Json;
  return {
    context: (paypal.experience_context ?? {}) as Json,
    contextField: '/payment_source/paypal/experience_context',
    prefillEmail: optionalString(paypal.email_address, '/payment_source/paypal/email_address', 254),
  };
}

function checkExperience({ context, contextField }: Experience) {
  const userAction = optionalString(context.user_action, `${contextField}/user_action`, 8) ?? 'CONTINUE';
  if (!['CONTINUE', 'PAY_NOW'].includes(userAction)) {
    throw badValue(`${contextField}/user_action`, userAction, 'INVALID_PARAMETER_VALUE');
  }
  const locale = optionalString(context.locale, `${contextField}/locale`, 10);
  if (locale !== undefined && !LOCALE_PATTERN.test(locale)) throw badValue(`${contextField}/locale`, locale);
  return { userAction, locale };
}

function createOrder(store: PayPalStore, body: Json, requestId: string | undefined): Reply {
  const paymentSource = body.payment_source as Json | undefined;
  if (paymentSource !== undefined && requestId === undefined) {
    throw fail(400, [
      {
        field: 'PayPal-Request-Id',
        location: 'header',
        issue: 'PAYPAL_REQUEST_ID_REQUIRED',
        description:
          "A PayPal-Request-Id is required if you are trying to process payment for an Order. Please specify a PayPal-Request-Id or Create the Order without a 'payment_source' specified.",
      },
    ]);
  }
  checkIntent(body.intent);
  const unit = onlyUnit(body.purchase_units);
  const amount = parseAmount(unit.amount, `${FIELD}/amount`, 'orders');
  const experience = experienceOf(body, paymentSource);
  const { context, contextField } = experience;
  const { userAction, locale } = checkExperience(experience);
  const at = store.now();
  const order: Order = {
    id: paypalId(),
    status: paymentSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
    withPaymentSource: paymentSource !== undefined,
    referenceId: optionalString(unit.reference_id, `${FIELD}/reference_id`, 256) ?? 'default',
    customId: optionalString(unit.custom_id, `${FIELD}/custom_id`, 127),
    invoiceId: optionalString(unit.invoice_id, `${FIELD}/invoice_id`, 127),
    description: optionalString(unit.description, `${FIELD}/description`, 127),
    currency: amount.currency,
    amountMinor: amount.minor,
    returnUrl: optionalUrl(context.return_url, `${contextField}/return_url`),
    cancelUrl: optionalUrl(context.cancel_url, `${contextField}/cancel_url`),
    locale,
    userAction,
    brandName: optionalString(context.brand_name, `${contextField}/brand_name`, 127),
    prefillEmail: experience.prefillEmail,
    payer: undefined,
    captureIds: [],
    createTime: at,
    updateTime: at,
  };
  store.orders.set(order.id, order);
  return orderReply(store, 201, order);
}

export function orderOf(store: PayPalStore, orderId: string): Order {
  const order = store.orders.get(orderId);
  if (!order) throw notFound();
  return order;
}

function checkCapturable(store: PayPalStore, order: Order) {
  if (order.status === 'COMPLETED') {
    throw fail(422, [
      {
        issue: 'ORDER_ALREADY_CAPTURED',
        description: "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
      },
    ]);
  }
  if (order.status !== 'APPROVED') {
    throw fail(422, [
      {
        issue: 'ORDER_NOT_APPROVED',
        description:
          "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid `payment_source` in the request.",
      },
    ]);
  }
}

function checkInvoiceUnused(store: PayPalStore, order: Order) {
  if (!order.invoiceId) return;
  const taken = [...store.captures.values()].some(
    (capture) => capture.invoiceId === order.invoiceId && capture.status !== 'DECLINED',
  );
  if (taken) {
    throw fail(422, [
      {
        issue: 'DUPLICATE_INVOICE_ID',
        description:
          'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.',
      },
    ]);
  }
}

function captureOrder(store: PayPalStore, orderId: string): Reply {
  const order = orderOf(store, orderId);
  checkCapturable(store, order);
  const denied = store.faults.takeDenial();
  if (denied === 'INSTRUMENT_DECLINED') {
    // The payer must choose another funding source: back to the approval page.
    order.status = order.withPaymentSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED';
    order.payer = undefined;
    order.updateTime = store.now();
    throw fail(422, [
      {
        issue: 'INSTRUMENT_DECLINED',
        description:
          "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.",
      },
    ]);
  }
  if (!denied) checkInvoiceUnused(store, order);
  const at = store.now();
  const fee = Math.min(order.amountMinor, Math.round((order.amountMinor * 349) / 10_000) + 49);
  const capture: Capture = {
    id: paypalId(),
    orderId: order.id,
    status: denied ? 'DECLINED' : 'COMPLETED',
    amountMinor: order.amountMinor,
    feeMinor: denied ? 0 : fee,
    currency: order.currency,
    invoiceId: order.invoiceId,
    customId: order.customId,
    refundIds: [],
    createTime: at,
    updateTime: at,
  };
  store.captures.set(capture.id, capture);
  order.captureIds.push(capture.id);
  order.status = 'COMPLETED';
  order.updateTime = at;
  const value = `${formatValue(capture.amountMinor, capture.currency)} ${capture.currency}`;
  if (denied) {
    store.emit(
      'PAYMENT.CAPTURE.DENIED',
      'capture',
      captureView(store, capture, true),
      `A payment capture for ${value} was denied`,
    );
  } else {
    store.emit(
      'PAYMENT.CAPTURE.COMPLETED',
      'capture',
      captureView(store, capture, true),
      `Payment completed for ${value}`,
    );
  }
  return orderReply(store, 201, order);
}

export function addOrderRoutes(router: PayPalRouter): void {
  router
    .post('/v2/checkout/orders', ({ store, body, requestId }) => createOrder(store, body, requestId))
    .get('/v2/checkout/orders/:id', ({ store, params }) =>
      fixed(200, orderView(store, orderOf(store, params.id!))),
    )
    .post('/v2/checkout/orders/:id/capture', ({ store, params }) => captureOrder(store, params.id!));
}
