import type { ApiRequest, Order, Payment } from '../../api/types';
import type { Locale } from '../../i18n';
import { api, ApiError } from '../../ui/http';

/**
 * The last step of every checkout: turn the locked quote into an order and start its payment, under one
 * idempotency key (`:order`, `:pay`, `:pay:confirmed` after it), so a retried click never orders or charges twice.
 * `onDuplicate` hears the order a `possible_duplicate_payment` refusal is about (the error is still thrown).
 */
export async function orderAndPay(input: {
  quoteId: string;
  confirmDuplicate: boolean;
  idempotencyKey: string;
  locale: Locale;
  csrfToken: string | undefined;
  onDuplicate?: (orderId: string) => void;
}): Promise<{ order: Order; started: Payment }> {
  const { locale, csrfToken, idempotencyKey, confirmDuplicate } = input;
  const order = await api<Order>('/v1/orders', {
    method: 'POST',
    body: { quote: input.quoteId } satisfies ApiRequest<'/v1/orders', 'post'>,
    locale,
    csrfToken,
    idempotencyKey: `${idempotencyKey}:order`,
  });
  try {
    const started = await api<Payment>(`/v1/orders/${order.id}/payments`, {
      method: 'POST',
      body: { confirm_duplicate: confirmDuplicate } satisfies ApiRequest<'/v1/orders/{id}/payments', 'post'>,
      locale,
      csrfToken,
      idempotencyKey: `${idempotencyKey}:pay${confirmDuplicate ? ':confirmed' : ''}`,
    });
    return { order, started };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'possible_duplicate_payment')
      input.onDuplicate?.(order.id);
    throw error;
  }
}

/** Where a started payment goes next: the provider's page, or the order page that shows its QR code or result. */
export function followPayment(
  paid: { order: Order; started: Payment },
  navigate: (path: string) => void,
): void {
  const action = paid.started.next_action;
  if (action?.type === 'redirect') {
    window.location.assign(action.url);
    return;
  }
  navigate(`/account/orders/${paid.order.id}`);
}
