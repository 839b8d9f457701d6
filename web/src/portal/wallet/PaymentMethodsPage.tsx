import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction, useLoad } from '../../ui/forms';
import type { ApiList, PaymentMethodSetup, SavedPaymentMethod } from '../../api/types';
import { api } from '../../ui/http';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';

/** 支付方式: cards saved at the payment provider for auto-recharge; add one, remove one. */
export function PaymentMethodsPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const load = useLoad();
  const change = useAction();
  const [methods, setMethods] = useState<SavedPaymentMethod[] | null>(null);
  const csrfToken = session?.csrf_token;
  const reload = async () => {
    const page = await load.run(() => api<ApiList<'/v1/payment-methods'>>('/v1/payment-methods', { locale }));
    if (page) setMethods(page.data);
  };
  useEffect(() => {
    if (session) void reload();
  }, [session?.id]); // reload for another session
  const add = async () => {
    const setup = await change.run((idempotencyKey) =>
      api<PaymentMethodSetup>('/v1/payment-methods/setups', {
        method: 'POST',
        locale,
        csrfToken,
        idempotencyKey,
      }),
    );
    if (setup?.next_action?.type === 'redirect') window.location.assign(setup.next_action.url);
  };
  const remove = async (method: SavedPaymentMethod) => {
    if (
      !window.confirm(
        t('methods.confirmRemove', {
          card: `${(method.brand ?? '').toUpperCase()} •••• ${method.last4 ?? ''}`,
        }),
      )
    )
      return;
    const done = await change.run(() =>
      api(`/v1/payment-methods/${encodeURIComponent(method.id)}`, {
        method: 'DELETE',
        locale,
        csrfToken,
      }).then(() => true),
    );
    if (done) await reload();
  };
  return (
    <AccountLayout title={t('methods.title')}>
      <p>{t('methods.intro')}</p>
      <FormAlert error={load.error ?? change.error} />
      {methods?.length === 0 ? <p role="status">{t('methods.none')}</p> : null}
      {methods && methods.length > 0 ? (
        <ul className="method-cards">
          {methods.map((method) => (
            <li key={method.id} className="panel">
              <span>
                {(method.brand ?? '').toUpperCase()} •••• {method.last4}
              </span>
              <button
                type="button"
                className="button button--secondary"
                disabled={change.busy}
                onClick={() => void remove(method)}
              >
                {t('methods.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="button button--primary"
        disabled={change.busy}
        onClick={() => void add()}
      >
        {t('methods.add')}
      </button>
    </AccountLayout>
  );
}
