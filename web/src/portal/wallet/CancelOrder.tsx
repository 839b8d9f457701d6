import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction } from '../../ui/forms';
import { api } from '../../ui/http';
import { useSession } from '../session';
import type { Order } from '../../api/types';

/**
 * 取消订单 for an order not paid yet, asked once more before it is done (nothing is charged either way). The API
 * answers 409 once the order is paid; that message is shown as it comes.
 */
export function CancelOrder({
  order,
  label,
  onCancelled,
}: {
  order: Order;
  label: string;
  onCancelled: (cancelled: Order) => void;
}) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const cancelling = useAction();
  const [asking, setAsking] = useState(false);
  const cancel = async () => {
    const cancelled = await cancelling.run((idempotencyKey) =>
      api<Order>(`/v1/orders/${encodeURIComponent(order.id)}/cancel`, {
        method: 'POST',
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey,
      }),
    );
    if (cancelled) onCancelled(cancelled);
  };
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="cancel-order" role="group" aria-label={label}>
      <FormAlert error={cancelling.error} />
      <p>{t('orders.cancelConfirm')}</p>
      <div className="row-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={cancelling.busy}
          onClick={() => void cancel()}
        >
          {t('orders.cancelYes')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          {t('orders.cancelNo')}
        </button>
      </div>
    </div>
  );
}
