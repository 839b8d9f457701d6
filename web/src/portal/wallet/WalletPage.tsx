import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { MoneyText } from './MoneyText';
import type { WalletView } from '../../api/types';

/** 我的钱包: the balance, a top-up button, and every movement, newest first. */
export function WalletPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const load = useLoad();
  const [wallet, setWallet] = useState<WalletView | null>(null);
  const [rows, setRows] = useState<WalletView['transactions']['data']>([]);

  const fetchPage = async (before?: number) => {
    const page = await load.run(() =>
      api<WalletView>(`/v1/wallet?limit=20${before ? `&before=${before}` : ''}`, { locale }),
    );
    if (!page) return;
    setWallet(page);
    setRows((previous) => (before ? [...previous, ...page.transactions.data] : page.transactions.data));
  };
  useEffect(() => {
    if (session) void fetchPage();
  }, [session?.id]); // reload when the signed-in session changes

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: session?.customer.time_zone,
    }).format(new Date(iso));

  return (
    <AccountLayout title={t('wallet.title')}>
      <FormAlert error={load.error} />
      <div className="wallet-balance">
        <p className="wallet-balance__label">{t('wallet.balance')}</p>
        <p className="wallet-balance__amount" aria-live="polite">
          {wallet ? <MoneyText money={wallet.balance} /> : '…'}
        </p>
        <Link className="button button--primary" href="/account/wallet/top-up">
          {t('wallet.topUp')}
        </Link>
      </div>
      <h2>{t('wallet.history')}</h2>
      {rows.length === 0 && wallet ? <p>{t('wallet.empty')}</p> : null}
      {rows.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">{t('wallet.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wallet.when')}</th>
              <th scope="col">{t('wallet.what')}</th>
              <th scope="col" className="amount">
                {t('wallet.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.id}-${row.amount.amount_minor}`}>
                <td>{when(row.created_at)}</td>
                <td>
                  {row.order ? (
                    <Link href={`/account/orders/${row.order}`}>{t(`wallet.kind.${kindKey(row.type)}`)}</Link>
                  ) : (
                    t(`wallet.kind.${kindKey(row.type)}`)
                  )}
                </td>
                <td className={row.amount.amount_minor < 0 ? 'amount amount--out' : 'amount amount--in'}>
                  {row.amount.amount_minor > 0 ? '+' : ''}
                  <MoneyText money={row.amount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {wallet?.transactions.has_more ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={load.busy}
          onClick={() => void fetchPage(wallet.transactions.next_before ?? undefined)}
        >
          {t('wallet.more')}
        </button>
      ) : null}
      <p>
        <Link href="/account/orders">{t('orders.all')}</Link>
      </p>
    </AccountLayout>
  );
}

/** The ledger's transfer kinds as the wallet's readers name them (`wallet_payment`: an order paid from it). */
export function kindKey(type: string): 'credit' | 'refund' | 'spend' | 'other' {
  if (type === 'wallet_credit') return 'credit';
  if (type === 'refund' || type === 'refund_reversed') return 'refund';
  if (type === 'wallet_payment' || type === 'wallet_spend') return 'spend';
  return 'other';
}
