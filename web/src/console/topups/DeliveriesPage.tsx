import { useEffect, useState } from 'react';
import { usePhoneFormat } from '../../ui/phone';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText } from '../../portal/wallet/MoneyText';
import { FormAlert, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';
import { useWhen } from './useWhen';
import type { ApiList, Delivery, DeliveryStory } from '../../api/types';

const VIEWS = ['', 'open', 'failed', 'retried'] as const;

/** 到账 (deliveries): line top-ups on their way, failed or retried; the ones to look at first. */
export function DeliveriesPage() {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { query } = useRoute();
  const when = useWhen();
  const load = useLoad();
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const view = query.get('attention') ?? '';
  useEffect(() => {
    void load
      .run(() =>
        api<ApiList<'/v1/admin/deliveries'>>(`/v1/admin/deliveries${view ? `?attention=${view}` : ''}`, {
          locale,
        }),
      )
      .then((page) => page && setRows(page.data));
  }, [view, locale]); // another view
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section>
      <h1>{t('console.nav.deliveries')}</h1>
      <p>{t('console.deliveries.intro')}</p>
      <nav aria-label={t('console.deliveries.views')}>
        <ul className="tab-list">
          {VIEWS.map((item) => (
            <li key={item}>
              <Link
                href={item ? `/console/deliveries?attention=${item}` : '/console/deliveries'}
                aria-current={view === item ? 'page' : undefined}
              >
                {t(`console.deliveries.view.${item || 'all'}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormAlert error={load.error} />
      {rows?.length === 0 ? <p role="status">{t('console.deliveries.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.when')}</th>
              <th scope="col">{t('console.deliveries.recipient')}</th>
              <th scope="col">{t('order.product')}</th>
              <th scope="col" className="amount">
                {t('orders.amount')}
              </th>
              <th scope="col">{t('orders.status')}</th>
              <th scope="col">{t('console.deliveries.attempts')}</th>
              <th scope="col">{t('console.deliveries.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link href={`/console/deliveries/${row.id}`}>{when(row.created_at)}</Link>
                </td>
                <td>{formatPhone(row.recipient)}</td>
                <td>{row.product}</td>
                <td className="amount">
                  <MoneyText money={row.amount} />
                </td>
                <td>{t(`line.delivery.${row.status}`)}</td>
                <td>{row.attempts}</td>
                <td>{row.last_error_code ? <code>{row.last_error_code}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** One delivery and every step of it, with "ask the provider now" for a stuck one. */
export function DeliveryDetailPage({ deliveryId }: { deliveryId: string }) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useStaffSession();
  const when = useWhen();
  const load = useLoad();
  const check = useAction();
  const [story, setStory] = useState<DeliveryStory | null>(null);
  const reload = async () => {
    const loaded = await load.run(() =>
      api<DeliveryStory>(`/v1/admin/deliveries/${encodeURIComponent(deliveryId)}`, {
        locale,
      }),
    );
    if (loaded) setStory(loaded);
  };
  useEffect(() => {
    void reload();
  }, [deliveryId]); // another delivery
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  if (!story) return <FormAlert error={load.error} />;
  const open = ['queued', 'sending', 'processing'].includes(story.status);
  const canCheck = session?.staff.permissions.includes('deliveries.manage') ?? false;
  const askNow = async () => {
    const checked = await check.run(() =>
      api<Delivery>(`/v1/admin/deliveries/${story.id}/check`, {
        method: 'POST',
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (checked) await reload();
  };
  return (
    <section className="order-story">
      <p>
        <Link href="/console/deliveries">← {t('console.nav.deliveries')}</Link>
      </p>
      <h1>
        {t('console.deliveries.title')} {formatPhone(story.recipient)}
      </h1>
      <p className={`order-status order-status--${story.status}`} role="status">
        {t(`line.delivery.${story.status}`)}
      </p>
      <dl className="order-facts">
        <dt>ID</dt>
        <dd>{story.id}</dd>
        <dt>{t('console.orders.order')}</dt>
        <dd>
          <Link href={`/console/orders/${story.order}`}>{story.order}</Link>
        </dd>
        <dt>{t('order.product')}</dt>
        <dd>{story.product}</dd>
        <dt>{t('orders.amount')}</dt>
        <dd>
          <MoneyText money={story.amount} />
        </dd>
        <dt>{t('console.deliveries.provider')}</dt>
        <dd>
          {story.provider} · <code>{story.custom_identifier}</code>
          {story.provider_transaction_id ? ` · #${story.provider_transaction_id}` : ''}
        </dd>
        <dt>{t('console.deliveries.attempts')}</dt>
        <dd>{story.attempts}</dd>
        {story.cost ? (
          <>
            <dt>{t('console.deliveries.cost')}</dt>
            <dd>
              <MoneyText money={story.cost} />
            </dd>
          </>
        ) : null}
        {story.provider_balance_after ? (
          <>
            <dt>{t('console.deliveries.providerBalanceAfter')}</dt>
            <dd>
              <MoneyText money={story.provider_balance_after} />
            </dd>
          </>
        ) : null}
        {story.pin ? (
          <>
            <dt>PIN</dt>
            <dd>{story.pin}</dd>
          </>
        ) : null}
        {story.next_check_at && open ? (
          <>
            <dt>{t('console.deliveries.nextCheck')}</dt>
            <dd>{when(story.next_check_at)}</dd>
          </>
        ) : null}
      </dl>
      {open && canCheck ? (
        <div className="stack">
          <p>{t('console.deliveries.checkHint')}</p>
          <FormAlert error={check.error} />
          <button
            type="button"
            className="button button--secondary"
            disabled={check.busy}
            onClick={() => void askNow()}
          >
            {t('console.deliveries.check')}
          </button>
        </div>
      ) : null}
      <h2>{t('console.deliveries.steps')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('console.audit.time')}</th>
            <th scope="col">{t('console.deliveries.step')}</th>
            <th scope="col">{t('console.deliveries.attempt')}</th>
            <th scope="col">{t('console.deliveries.providerCode')}</th>
          </tr>
        </thead>
        <tbody>
          {story.events.map((event) => (
            <tr key={`${event.at}-${event.kind}-${event.attempt}`}>
              <td>{when(event.at)}</td>
              <td>
                <code>{event.kind}</code>
              </td>
              <td>{event.attempt}</td>
              <td>{event.provider_code ? <code>{event.provider_code}</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
