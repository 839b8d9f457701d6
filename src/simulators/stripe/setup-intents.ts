import { randomBytes } from 'node:crypto';
import { cardOutcome, GENERIC_DECLINE, type CardDecline } from './cards.js';
import { ApiFailure, cardError, invalidParam, unexpectedState, type Json } from './errors.js';
import { list, stringRecord, text, type FormObject } from './form.js';
import type { StripeRouter } from './api.js';
import { methodTypes } from './payment-intents.js';
import type { PaymentMethod, SetupIntent, StripeStore } from './store.js';

/** SetupIntents: save a card on a customer for later off-session charges (create, retrieve, confirm, cancel). */

export function failSetup(store: StripeStore, setup: SetupIntent, outcome: CardDecline) {
  setup.last_setup_error = cardError(outcome);
  setup.status = 'requires_payment_method';
  setup.next_action = null;
  store.emit('setup_intent.setup_failed', store.setupView(setup, []));
  return setup.last_setup_error;
}

/** Saves the card on the setup's customer; returns the card error when the card is refused. */
export function saveCard(store: StripeStore, setup: SetupIntent, method: PaymentMethod): Json | undefined {
  const number = store.cardNumbers.get(method.id) ?? '';
  const outcome = store.faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { saving: true });
  if (outcome.kind === 'decline') return failSetup(store, setup, outcome);
  if (setup.customer) method.customer = setup.customer;
  setup.payment_method = method.id;
  setup.status = 'succeeded';
  setup.next_action = null;
  setup.last_setup_error = null;
  store.emit('setup_intent.succeeded', store.setupView(setup, []));
  return undefined;
}

function createSetupIntent(store: StripeStore, form: FormObject): Json {
  const customer = text(form, 'customer');
  if (customer) store.customerOf(customer);
  const types = methodTypes(form).filter((type) => type === 'card');
  const setupId = store.id('seti');
  const setup: SetupIntent = {
    id: setupId,
    object: 'setup_intent',
    client_secret: `${setupId}_secret_${randomBytes(12).toString('hex')}`,
    customer: customer ?? null,
    payment_method: null,
    payment_method_types: ['card'],
    allowed_payment_method_types: types.length ? types : ['card'],
    status: 'requires_payment_method',
    usage: text(form, 'usage') ?? 'off_session',
    next_action: null,
    last_setup_error: null,
    metadata: stringRecord(form, 'metadata'),
    created: store.unix(),
    livemode: false,
  };
  store.setupIntents.set(setup.id, setup);
  if (text(form, 'confirm') === 'true') return confirmSetup(store, setup, form);
  const returnUrl = text(form, 'return_url');
  if (returnUrl) store.returnUrls.set(setup.id, returnUrl);
  return store.setupView(setup, list(form, 'expand'));
}

function confirmSetup(store: StripeStore, setup: SetupIntent, form: FormObject): Json {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(setup.status)) {
    throw unexpectedState('SetupIntent', setup.status, 'confirmed');
  }
  const returnUrl = text(form, 'return_url') ?? store.returnUrls.get(setup.id);
  if (returnUrl) store.returnUrls.set(setup.id, returnUrl);
  const methodId = text(form, 'payment_method');
  if (methodId) {
    const error = saveCard(store, setup, store.methodOf(methodId));
    if (error) throw new ApiFailure(402, { ...error, setup_intent: store.setupView(setup, []) });
    return store.setupView(setup, list(form, 'expand'));
  }
  if (!returnUrl) {
    throw invalidParam('You must provide a payment method to confirm this SetupIntent.', 'payment_method');
  }
  setup.status = 'requires_action';
  setup.next_action = {
    type: 'redirect_to_url',
    redirect_to_url: {
      url: `${store.baseUrl}/setup/${setup.id}?client_secret=${setup.client_secret}`,
      return_url: returnUrl,
    },
  };
  store.emit('setup_intent.requires_action', store.setupView(setup, []));
  return store.setupView(setup, list(form, 'expand'));
}

function cancelSetup(store: StripeStore, setup: SetupIntent, expand: string[]): Json {
  if (setup.status === 'succeeded' || setup.status === 'canceled') {
    throw unexpectedState('SetupIntent', setup.status, 'canceled');
  }
  setup.status = 'canceled';
  setup.next_action = null;
  store.emit('setup_intent.canceled', store.setupView(setup, []));
  return store.setupView(setup, expand);
}

export function addSetupIntentRoutes(router: StripeRouter): void {
  router
    .post('/v1/setup_intents', ({ store, form }) => createSetupIntent(store, form))
    .get('/v1/setup_intents/:id', ({ store, params, expand }) =>
      store.setupView(store.setupOf(params.id!), expand),
    )
    .post('/v1/setup_intents/:id/confirm', ({ store, params, form }) =>
      confirmSetup(store, store.setupOf(params.id!), form),
    )
    .post('/v1/setup_intents/:id/cancel', ({ store, params, expand }) =>
      cancelSetup(store, store.setupOf(params.id!), expand),
    );
}
