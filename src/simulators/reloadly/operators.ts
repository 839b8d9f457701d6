import type { ReloadlyCall, ReloadlyRouter } from './api.js';
import { detectOperatorId, SIM_OPERATORS, type SimOperator } from './catalog.js';
import { errorReply, notFound, type Reply } from './errors.js';
import { parseRecipient } from './store.js';

/**
 * Operators: the list, one by id, a country's, auto-detection of a number's operator, and the FX rate. The
 * path patterns' digit and letter checks are in the handlers, so an odd path is still Reloadly's 404.
 */

export function operatorView(operator: SimOperator) {
  const descriptions = Object.fromEntries(
    operator.fixed.map((entry) => [entry.amount.toFixed(2), entry.description]),
  );
  return {
    id: operator.operatorId,
    operatorId: operator.operatorId,
    name: operator.name,
    bundle: operator.bundle,
    data: operator.data,
    pin: operator.pin,
    supportsLocalAmounts: operator.supportsLocalAmounts,
    denominationType: operator.denominationType,
    senderCurrencyCode: 'USD',
    senderCurrencySymbol: '$',
    destinationCurrencyCode: operator.destinationCurrencyCode,
    destinationCurrencySymbol: operator.destinationCurrencyCode === 'USD' ? '$' : '¥',
    commission: operator.internationalDiscount,
    internationalDiscount: operator.internationalDiscount,
    localDiscount: 0,
    mostPopularAmount: operator.fixed[0]?.amount ?? operator.minAmount,
    minAmount: operator.minAmount,
    maxAmount: operator.maxAmount,
    localMinAmount: operator.localMinAmount,
    localMaxAmount: operator.localMaxAmount,
    country: {
      isoName: operator.countryIso,
      name: operator.countryIso === 'US' ? 'United States' : 'China',
    },
    fx: { rate: operator.fxRate, currencyCode: operator.destinationCurrencyCode },
    logoUrls: [`https://s3.amazonaws.com/rld-operator/simulated-${operator.operatorId}-1.png`],
    fixedAmounts: operator.fixed.map((entry) => entry.amount),
    fixedAmountsDescriptions: descriptions,
    localFixedAmounts: operator.fixed.map((entry) => Math.round(entry.amount * operator.fxRate * 100) / 100),
    localFixedAmountsDescriptions: descriptions,
    suggestedAmounts: [],
    suggestedAmountsMap: {},
    promotions: [],
  };
}

function operatorOfId({ store, url, params }: ReloadlyCall): Reply {
  if (!/^\d+$/.test(params.id!)) return notFound(url.pathname, store.clock);
  const operator = store.operatorById(Number(params.id));
  return operator
    ? { status: 200, body: operatorView(operator) }
    : errorReply(404, 'OPERATOR_NOT_FOUND', 'Operator not found', url.pathname, store.clock);
}

function operatorsOfCountry({ store, url, params }: ReloadlyCall): Reply {
  const country = params.country!;
  if (!/^[A-Za-z]+$/.test(country)) return notFound(url.pathname, store.clock);
  const iso = country.toUpperCase();
  if (iso.length !== 2)
    return errorReply(
      404,
      'COUNTRY_NOT_SUPPORTED',
      'Country code must be 2 characters ISO-Alpha-2',
      url.pathname,
      store.clock,
    );
  return {
    status: 200,
    body: SIM_OPERATORS.filter((operator) => operator.countryIso === iso).map(operatorView),
  };
}

function autoDetect({ store, url, params }: ReloadlyCall): Reply {
  const { phone, country } = params as { phone: string; country: string };
  if (!/^\+?\d+$/.test(phone) || !/^[A-Za-z]+$/.test(country)) return notFound(url.pathname, store.clock);
  const recipient = parseRecipient({ number: phone, countryCode: country });
  const id = recipient
    ? (store.assignedOperatorIds.get(recipient.e164) ??
      detectOperatorId(recipient.national, recipient.countryIso))
    : undefined;
  const operator = id === undefined ? undefined : store.operatorById(id);
  if (!operator)
    return errorReply(
      404,
      'COULD_NOT_AUTO_DETECT_OPERATOR',
      'Could not detect the operator of this number',
      url.pathname,
      store.clock,
    );
  store.lineOf(recipient!.e164, operator); // the carrier has known this number all along
  return { status: 200, body: operatorView(operator) };
}

function fxRate({ store, url, body }: ReloadlyCall): Reply {
  const operator = store.operatorById(Number(body.operatorId));
  if (!operator)
    return errorReply(404, 'OPERATOR_NOT_FOUND', 'Operator not found', url.pathname, store.clock);
  return {
    status: 200,
    body: {
      id: operator.operatorId,
      name: operator.name,
      fxRate: operator.fxRate * Number(body.amount ?? 1),
      currencyCode: operator.destinationCurrencyCode,
    },
  };
}

export function addOperatorRoutes(router: ReloadlyRouter): void {
  router
    .get('/operators', () => ({
      status: 200,
      body: { content: SIM_OPERATORS.map(operatorView), totalElements: SIM_OPERATORS.length },
    }))
    .get('/operators/countries/:country', operatorsOfCountry)
    .get('/operators/:id', operatorOfId)
    .get('/operators/auto-detect/phone/:phone/countries/:country', autoDetect)
    .post('/operators/fx-rate', fxRate);
}
