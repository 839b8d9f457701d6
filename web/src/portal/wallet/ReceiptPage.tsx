import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { useSession } from '../session';
import { MoneyText, useMethodName } from './MoneyText';
import type { Receipt } from '../../api/types';

/** 凭证: the receipt to keep: printable, and as a PDF file the server draws in the customer's language. */
export function ReceiptPage({ orderId }: { orderId: string }) {
  const { t, locale } = useI18n();
  const { status } = useSession();
  const methodName = useMethodName();
  const load = useLoad();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    if (status !== 'signed_in') return;
    void load
      .run(() => api<Receipt>(`/v1/orders/${encodeURIComponent(orderId)}/receipt`, { locale }))
      .then((loaded) => loaded && setReceipt(loaded));
  }, [orderId, status, locale]); // reload in the other language
  if (!receipt) return <FormAlert error={load.error} />;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: receipt.time_zone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  const method = receipt.payment.payment_method;
  const methodText = (() => {
    if (!method) return methodName(receipt.payment.method);
    if (method.kind === 'paypal') return `PayPal${method.payer_email ? ` (${method.payer_email})` : ''}`;
    if (method.brand && method.last4) {
      const card = `${method.brand.toUpperCase()} •••• ${method.last4}`;
      return method.wallet === 'apple_pay' ? `Apple Pay (${card})` : card;
    }
    return methodName(receipt.payment.method);
  })();
  return (
    <article className="receipt" aria-labelledby="receipt-heading">
      <header className="receipt__header">
        <div>
          <p className="receipt__operator">{receipt.operator.name}</p>
          {receipt.operator.address ? <p>{receipt.operator.address}</p> : null}
          <p>{receipt.operator.email}</p>
        </div>
        <div>
          <h1 id="receipt-heading">{t('receipt.title')}</h1>
          <p>
            {t('receipt.number')}: <strong>{receipt.receipt_number}</strong>
          </p>
          <p>
            {t('receipt.date')}: {when(receipt.issued_at)}
          </p>
        </div>
      </header>
      <p>
        {t('receipt.billedTo')}: {receipt.customer.name ? `${receipt.customer.name} · ` : ''}
        {receipt.customer.email}
      </p>
      <table className="data-table receipt__lines">
        <thead>
          <tr>
            <th scope="col">{t('receipt.item')}</th>
            <th scope="col" className="amount">
              {t('receipt.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {receipt.items.map((item) => (
            <tr key={item.type}>
              <td>{item.name ?? t('quote.walletCredit')}</td>
              <td className="amount">
                <MoneyText money={item.amount} />
              </td>
            </tr>
          ))}
          {receipt.discount.amount_minor > 0 ? (
            <tr>
              <td>{t('quote.discount')}</td>
              <td className="amount">
                −<MoneyText money={receipt.discount} />
              </td>
            </tr>
          ) : null}
          <tr>
            <td>
              {t('quote.fee')}
              {receipt.fee_waived ? ` (${t('quote.feeWaived')})` : ''}
            </td>
            <td className="amount">
              <MoneyText money={receipt.fee} />
            </td>
          </tr>
          <tr>
            <td>{t('quote.tax')}</td>
            <td className="amount">
              <MoneyText money={receipt.tax} />
            </td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('quote.total')}</th>
            <td className="amount">
              <MoneyText money={receipt.total} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('receipt.charged')}</th>
            <td className="amount" data-testid="receipt-charged">
              <MoneyText money={receipt.charged} />
            </td>
          </tr>
        </tfoot>
      </table>
      {receipt.fx ? (
        <p>
          {t(receipt.fx.locked ? 'receipt.fxLocked' : 'receipt.fxEstimate', {
            rate: receipt.fx.rate,
            time: when(receipt.fx.as_of),
          })}
        </p>
      ) : null}
      <p>
        {t('receipt.paidWith')}: {methodText}
      </p>
      {receipt.refunds.map((refund) => (
        <p key={refund.id}>
          {t('receipt.refund', { date: when(refund.created_at) })}: <MoneyText money={refund.amount} /> (
          {t(`receipt.refundStatus.${refund.status}`)})
        </p>
      ))}
      <p className="receipt__actions no-print">
        <a
          className="button button--primary"
          href={`/v1/orders/${encodeURIComponent(receipt.order)}/receipt.pdf`}
          download
        >
          {t('receipt.downloadPdf')}
        </a>{' '}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>{' '}
        <Link href={`/account/orders/${receipt.order}`}>{t('receipt.backToOrder')}</Link>
      </p>
    </article>
  );
}
