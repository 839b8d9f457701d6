import type { AiraloCall, AiraloRouter } from './api.js';
import { airaloDate, businessError, notFound, success, validationError, type Reply } from './errors.js';
import type { AiraloStore, SimEsim, SimOrder } from './store.js';

/**
 * `POST /v2/orders` (quantity ≤ 50, package_id, type=sim, description), `GET /v2/orders` (filters, include=sims),
 * `GET /v2/orders/{id}` and `POST /v2/orders/topups` (package_id, iccid), with Airalo's checks in its order:
 * validation, operator maintenance (13), stock (34 none, 33 too few), credit (11); for a top-up the eSIM
 * recycled (73) and the top-up disabled (23). Shapes as developers.partners.airalo.com submit-order-11883024e0,
 * get-order-list-11883026e0 and submit-top-up-order-11883028e0 show them.
 */

const QUANTITY_MAX = 50;
const ORDER_PAGE_LIMIT_DEFAULT = 25;

const cents = (dollars: number) => Math.round(dollars * 100);

export function simView(esim: SimEsim) {
  const lpa = `LPA:1$${esim.smdpAddress}$${esim.matchingId}`;
  return {
    id: esim.id,
    created_at: airaloDate(esim.createdAt),
    iccid: esim.iccid,
    lpa: esim.smdpAddress,
    imsis: null,
    matching_id: esim.matchingId,
    qrcode: lpa,
    qrcode_url: `https://sandbox.airalo.com/qr?expires=1&id=${esim.id}&signature=${esim.matchingId.slice(0, 8)}`,
    airalo_code: null,
    apn_type: 'automatic',
    apn_value: null,
    is_roaming: true,
    confirmation_code: null,
    apn: {
      ios: { apn_type: 'automatic', apn_value: null },
      android: { apn_type: 'automatic', apn_value: null },
    },
    msisdn: null,
    direct_apple_installation_url: `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${encodeURIComponent(lpa)}`,
  };
}

export function orderView(store: AiraloStore, order: SimOrder, withSims: boolean) {
  const found = store.findPackage(order.packageId);
  const pkg = found?.pkg;
  return {
    id: order.id,
    code: order.code,
    currency: 'USD',
    package_id: order.packageId,
    quantity: order.quantity,
    type: order.type,
    description: order.description,
    esim_type: 'Prepaid',
    validity: pkg?.day ?? null,
    package: pkg ? `${found.operator.title}-${pkg.title}` : order.packageId,
    data: pkg ? (pkg.isUnlimited ? 'Unlimited' : `${pkg.amountMb / 1024} GB`) : null,
    price: order.price,
    created_at: airaloDate(order.createdAt),
    manual_installation: '<p>1. Go to Settings &gt; Cellular/Mobile &gt; Add Cellular/Mobile Plan.</p>',
    qrcode_installation: '<p>1. Go to Settings &gt; Cellular/Mobile &gt; Add Cellular/Mobile Plan.</p>',
    installation_guides: { en: 'https://www.airalo.com/help/getting-started-with-airalo' },
    brand_settings_name: null,
    ...(withSims ? { sims: order.iccids.map((iccid) => simView(store.esims.get(iccid)!)) } : {}),
  };
}

function submitOrder({ store, body }: AiraloCall): Reply {
  store.orderRequestCount += 1;
  const quantity = Number(body.quantity);
  const packageId = typeof body.package_id === 'string' ? body.package_id : '';
  const invalid: Record<string, string> = {};
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > QUANTITY_MAX)
    invalid.quantity = `The quantity must be between 1 and ${QUANTITY_MAX}.`;
  if (!packageId) invalid.package_id = 'The package id field is required.';
  if (body.type !== undefined && body.type !== 'sim') invalid.type = 'The selected type is invalid.';
  if (Object.keys(invalid).length) return validationError(invalid);
  const found = store.findPackage(packageId);
  if (!found || found.pkg.type !== 'sim') return businessError(34);
  const { operator, pkg } = found;
  if (store.maintenanceOperatorIds.has(operator.id)) return businessError(13);
  if (pkg.stock === 0) return businessError(34);
  if (pkg.stock !== undefined && pkg.stock < quantity) return businessError(33, String(pkg.stock));
  const costMinor = cents(pkg.netPrice) * quantity;
  if (costMinor > store.creditMinor) return businessError(11, `${(store.creditMinor / 100).toFixed(2)} USD`);
  store.creditMinor -= costMinor;
  if (pkg.stock !== undefined) pkg.stock -= quantity;
  const esims = Array.from({ length: quantity }, () => store.issueEsim(operator.id, pkg));
  const order = store.takeOrder({
    packageId,
    quantity,
    type: 'sim',
    description: typeof body.description === 'string' ? body.description : null,
    price: costMinor / 100,
    iccids: esims.map((esim) => esim.iccid),
  });
  return success(orderView(store, order, true));
}

function submitTopUp({ store, body }: AiraloCall): Reply {
  const packageId = typeof body.package_id === 'string' ? body.package_id : '';
  const iccid = typeof body.iccid === 'string' ? body.iccid : '';
  const esim = store.esims.get(iccid);
  const found = store.findPackage(packageId);
  const invalid: Record<string, string> = {};
  if (!esim) invalid.iccid = 'The selected iccid is invalid.';
  if (!found || found.pkg.type !== 'topup' || found.operator.id !== esim?.operatorId)
    invalid.package_id = 'The selected package id is invalid.';
  if (Object.keys(invalid).length || !esim || !found) return validationError(invalid);
  if (esim.recycled) return businessError(73, iccid);
  const { operator, pkg } = found;
  if (!operator.rechargeable || pkg.topUpDisabled) return businessError(23);
  if (store.maintenanceOperatorIds.has(operator.id)) return businessError(13);
  const costMinor = cents(pkg.netPrice);
  if (costMinor > store.creditMinor) return businessError(11, `${(store.creditMinor / 100).toFixed(2)} USD`);
  store.creditMinor -= costMinor;
  store.addTopUp(esim, pkg);
  const order = store.takeOrder({
    packageId,
    quantity: 1,
    type: 'topup',
    description: typeof body.description === 'string' ? body.description : null,
    price: costMinor / 100,
    iccids: [iccid],
  });
  return success(orderView(store, order, false));
}

/** `GET /v2/orders?include=sims&filter[description]=…&filter[iccid]=…&filter[code]=…&filter[created_at]=…&limit&page`. */
function listOrders({ store, url }: AiraloCall): Reply {
  const query = url.searchParams;
  const description = query.get('filter[description]');
  const iccid = query.get('filter[iccid]');
  const code = query.get('filter[code]');
  // `YYYY-MM-DD - YYYY-MM-DD`, both days included (UTC).
  const range = /^(\d{4}-\d{2}-\d{2}) - (\d{4}-\d{2}-\d{2})$/.exec(query.get('filter[created_at]') ?? '');
  const inRange = (at: Date) =>
    !range || (at.toISOString().slice(0, 10) >= range[1]! && at.toISOString().slice(0, 10) <= range[2]!);
  const withSims = (query.get('include') ?? '').split(',').includes('sims');
  // eSIM orders and top-up orders alike (a top-up is an order of `type: topup`).
  const matching = store.orders
    .filter((order) => description === null || (order.description ?? '').includes(description))
    .filter((order) => iccid === null || order.iccids.includes(iccid))
    .filter((order) => code === null || order.code === code)
    .filter((order) => inRange(order.createdAt))
    .reverse();
  const limit = Math.max(1, Number(query.get('limit')) || ORDER_PAGE_LIMIT_DEFAULT);
  const page = Math.max(1, Number(query.get('page')) || 1);
  const slice = matching.slice((page - 1) * limit, page * limit);
  return {
    status: 200,
    body: {
      data: slice.map((order) => orderView(store, order, withSims)),
      links: { first: null, last: null, prev: null, next: null },
      meta: {
        message: 'success',
        current_page: page,
        last_page: Math.max(1, Math.ceil(matching.length / limit)),
        per_page: limit,
        total: matching.length,
      },
    },
  };
}

export function addOrderRoutes(router: AiraloRouter): void {
  router.post('/v2/orders', submitOrder);
  router.post('/v2/orders/topups', submitTopUp);
  router.get('/v2/orders', listOrders);
  router.get('/v2/orders/:id', ({ store, params }) => {
    const order = store.orders.find((candidate) => String(candidate.id) === params.id);
    return order ? success(orderView(store, order, true)) : notFound();
  });
}
