import { createHmac } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { Transmission } from '../kit/outbox.js';
import { missing, type Json } from './errors.js';
import type { StripeRouter } from './api.js';

/** Events: the API's list and retrieve, and how one goes out as a webhook (`Stripe-Signature: t=…,v1=…`). */

/** One webhook attempt, signed afresh with the current time. */
export function stripeTransmission(event: Json, webhookSecret: string, clock: Clock): Transmission {
  const body = JSON.stringify(event, null, 2);
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  const signature = createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': `t=${timestamp},v1=${signature}`,
    },
  };
}

export function addEventRoutes(router: StripeRouter): void {
  router
    .get('/v1/events/:id', ({ store, params }) => {
      const event = store.events.get(params.id!);
      if (!event) throw missing('event', params.id!);
      return event;
    })
    .get('/v1/events', ({ store, query, listOf }) => {
      const type = query.get('type');
      let data = [...store.events.values()].reverse();
      if (type) {
        const pattern = new RegExp(`^${type.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
        data = data.filter((event) => pattern.test(String(event.type)));
      }
      const after = query.get('starting_after');
      if (after) data = data.slice(data.findIndex((event) => event.id === after) + 1);
      return listOf(data);
    });
}
