import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText } from '../../portal/wallet/MoneyText';
import { FormAlert, formText, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';
import { useWhen } from './useWhen';
import type { ApiList, ApiRequest, CatalogSync, ProviderView, TopUpProduct } from '../../api/types';

/** 充值渠道 (the airtime provider): the operator's float there, and the catalog synced from it. */
export function ProviderPage() {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const when = useWhen();
  const load = useLoad();
  const reading = useAction();
  const syncing = useAction();
  const [provider, setProvider] = useState<ProviderView | null>(null);
  const [products, setProducts] = useState<TopUpProduct[]>([]);
  const [synced, setSynced] = useState<CatalogSync | null>(null);
  const canManage = session?.staff.permissions.includes('catalog.manage') ?? false;
  const reload = async () => {
    const loaded = await load.run(async () => ({
      provider: await api<ProviderView>('/v1/admin/provider', { locale }),
      products: await api<ApiList<'/v1/admin/topup-products'>>('/v1/admin/topup-products', { locale }),
    }));
    if (!loaded) return;
    setProvider(loaded.provider);
    setProducts(loaded.products.data);
  };
  useEffect(() => {
    void reload();
  }, []); // once
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  const latest = provider?.float[0];
  const readNow = async () => {
    const done = await reading.run(async () => {
      await api('/v1/admin/provider/float-readings', {
        method: 'POST',
        locale,
        csrfToken: session?.csrf_token,
      });
      return true;
    });
    if (done) await reload();
  };
  const syncNow = async () => {
    setSynced(null);
    const result = await syncing.run(() =>
      api<CatalogSync>('/v1/admin/catalog/sync', {
        method: 'POST',
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (!result) return;
    setSynced(result);
    await reload();
  };
  return (
    <section>
      <h1>{t('console.nav.provider')}</h1>
      <FormAlert error={load.error} />
      {provider ? (
        <article className="panel" aria-labelledby="float-heading">
          <h2 id="float-heading">{t('console.provider.float', { name: provider.name ?? '—' })}</h2>
          {latest ? (
            <p
              role="status"
              className={latest.low ? 'notice notice--error' : 'fx-effective'}
              aria-label={t('console.provider.floatNow')}
            >
              {t(latest.low ? 'console.provider.low' : 'console.provider.balance', {
                time: when(latest.at),
              })}{' '}
              <strong>
                <MoneyText money={latest.balance} />
              </strong>
            </p>
          ) : (
            <p role="status">{t('console.provider.noReading')}</p>
          )}
          <p>
            {t('console.provider.alertBelow')} <MoneyText money={provider.alert_below} />
          </p>
          <FormAlert error={reading.error} />
          <button
            type="button"
            className="button button--secondary"
            disabled={reading.busy || !provider.name}
            onClick={() => void readNow()}
          >
            {t('console.provider.readNow')}
          </button>
          {provider.float.length > 1 ? (
            <table className="data-table">
              <caption>{t('console.provider.readings')}</caption>
              <tbody>
                {provider.float.map((item) => (
                  <tr key={item.at}>
                    <td>{when(item.at)}</td>
                    <td className="amount">
                      <MoneyText money={item.balance} />
                    </td>
                    <td>{item.low ? t('console.provider.lowShort') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </article>
      ) : null}
      <h2>{t('console.provider.catalog')}</h2>
      <p>{t('console.provider.catalogIntro')}</p>
      {canManage ? (
        <div className="stack">
          <FormAlert error={syncing.error} />
          <button
            type="button"
            className="button button--secondary"
            disabled={syncing.busy}
            onClick={() => void syncNow()}
          >
            {t('console.provider.sync')}
          </button>
          {synced ? <p role="status">{t('console.provider.synced', { ...synced })}</p> : null}
        </div>
      ) : null}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('console.provider.operator')}</th>
            <th scope="col">{t('order.product')}</th>
            <th scope="col" className="amount">
              {t('console.provider.face')}
            </th>
            <th scope="col">{t('console.provider.markup')}</th>
            <th scope="col">{t('console.provider.eta')}</th>
            <th scope="col">{t('console.provider.onSale')}</th>
            {canManage ? <th scope="col" /> : null}
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <ProductRow
              key={product.id}
              product={product}
              canManage={canManage}
              onSaved={(next) => setProducts(products.map((item) => (item.id === next.id ? next : item)))}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ProductRow({
  product,
  canManage,
  onSaved,
}: {
  product: TopUpProduct;
  canManage: boolean;
  onSaved: (product: TopUpProduct) => void;
}) {
  const { t, locale } = useI18n();
  const { session } = useStaffSession();
  const save = useAction();
  const formId = `product-${product.id}`;
  const onSale = product.active && product.listed && product.operator.active;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const percent = Number(formText(form, 'markup'));
    const eta = Number(formText(form, 'eta'));
    const next = await save.run(() =>
      api<TopUpProduct>(`/v1/admin/topup-products/${product.id}`, {
        method: 'PATCH',
        body: {
          markup_bps: Number.isFinite(percent) ? Math.round(percent * 100) : -1,
          eta_minutes: Number.isInteger(eta) ? eta : -1,
          active: form.get('active') === 'on',
        } satisfies ApiRequest<'/v1/admin/topup-products/{id}', 'patch'>,
        locale,
        csrfToken: session?.csrf_token,
      }),
    );
    if (next) onSaved(next);
  };
  return (
    <tr aria-label={`${product.operator.name} · ${product.name}`}>
      <td>{product.operator.name}</td>
      <td>
        {product.name}
        <br />
        <small>{t(`line.kind.${product.kind as 'airtime'}`)}</small>
      </td>
      <td className="amount">{product.face ? <MoneyText money={product.face} /> : '—'}</td>
      {canManage ? (
        <>
          <td>
            <input
              form={formId}
              name="markup"
              inputMode="decimal"
              size={5}
              aria-label={t('console.provider.markup')}
              defaultValue={String(product.markup_bps / 100)}
            />
            %
          </td>
          <td>
            <input
              form={formId}
              name="eta"
              inputMode="numeric"
              size={5}
              aria-label={t('console.provider.eta')}
              defaultValue={String(product.eta_minutes)}
            />
          </td>
          <td>
            <input
              form={formId}
              type="checkbox"
              name="active"
              aria-label={t('console.provider.onSale')}
              defaultChecked={product.active}
            />
            {product.listed ? '' : ` ${t('console.provider.delisted')}`}
          </td>
          <td>
            <form id={formId} onSubmit={(event) => void submit(event)}>
              <button type="submit" className="button button--link" disabled={save.busy}>
                {t('console.fx.save')}
              </button>
            </form>
            <FormAlert error={save.error} />
          </td>
        </>
      ) : (
        <>
          <td>{product.markup_bps / 100}%</td>
          <td>{product.eta_minutes}</td>
          <td>{onSale ? '✓' : '—'}</td>
        </>
      )}
    </tr>
  );
}
