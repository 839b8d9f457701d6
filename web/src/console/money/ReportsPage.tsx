import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText, useMethodName } from '../../portal/wallet/MoneyText';
import type { DailyTotals } from '../../api/types';
import { Field, FormAlert, formText, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { NoAccess } from '../ConsoleApp';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * 每日汇总: money paid in and out per day, method and currency, with totals that match the ledger; orders paid from
 * the wallet apart (that money was counted when the wallet was topped up).
 */
export function ReportsPage() {
  const { t, locale } = useI18n();
  const load = useLoad();
  const [report, setReport] = useState<DailyTotals | null>(null);
  const [range, setRange] = useState({
    from: isoDay(new Date(Date.now() - 6 * 86_400_000)),
    to: isoDay(new Date()),
  });
  useEffect(() => {
    void load
      .run(() =>
        api<DailyTotals>(`/v1/admin/reports/daily-totals?from=${range.from}&to=${range.to}`, { locale }),
      )
      .then((page) => page && setReport(page));
  }, [range.from, range.to]); // reload for another range
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: formText(form, 'from'), to: formText(form, 'to') });
  };
  return (
    <section>
      <h1>{t('console.nav.reports')}</h1>
      <form className="filters-row" onSubmit={submit}>
        <Field label={t('console.orders.from')} name="from" type="date" defaultValue={range.from} />
        <Field label={t('console.orders.to')} name="to" type="date" defaultValue={range.to} />
        <SubmitButton busy={load.busy}>{t('console.reports.show')}</SubmitButton>
      </form>
      <FormAlert error={load.error} />
      {report && report.data.length === 0 && report.wallet.length === 0 ? (
        <p role="status">{t('console.reports.none')}</p>
      ) : null}
      {report && report.data.length > 0 ? <OutsideTotals report={report} /> : null}
      {report && report.wallet.length > 0 ? <WalletTotals report={report} /> : null}
    </section>
  );
}

/** Money that crossed the operator's edge, per day and method, and its totals per currency. */
function OutsideTotals({ report }: { report: DailyTotals }) {
  const { t } = useI18n();
  const methodName = useMethodName();
  return (
    <>
      <h2 id="reports-outside">{t('console.reports.outside')}</h2>
      <p className="muted">{t('console.reports.outsideNote')}</p>
      <table className="data-table" aria-labelledby="reports-outside">
        <thead>
          <tr>
            <th scope="col">{t('console.reports.day')}</th>
            <th scope="col">{t('topUp.method')}</th>
            <th scope="col" className="amount">
              {t('console.reports.payments')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.charged')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.refunded')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.net')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.refundedToWallet')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.data.map((row) => (
            <tr key={`${row.day}-${row.method}-${row.currency}`}>
              <td>{row.day}</td>
              <td>{methodName(row.method)}</td>
              <td className="amount">{row.payments}</td>
              <td className="amount">
                <MoneyText money={row.charged} />
              </td>
              <td className="amount">
                <MoneyText money={row.refunded} />
              </td>
              <td className="amount">
                <MoneyText money={row.net} />
              </td>
              <td className="amount">
                <MoneyText money={row.refunded_to_wallet} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {report.totals.map((total) => (
            <tr key={total.currency}>
              <th scope="row" colSpan={3}>
                {t('console.reports.total')} {total.currency}
              </th>
              <td className="amount">
                <MoneyText money={total.charged} />
              </td>
              <td className="amount">
                <MoneyText money={total.refunded} />
              </td>
              <td className="amount">
                <MoneyText money={total.net} />
              </td>
              <td />
            </tr>
          ))}
        </tfoot>
      </table>
    </>
  );
}

/** Orders paid from wallet balance: shown, never added to the totals above. */
function WalletTotals({ report }: { report: DailyTotals }) {
  const { t } = useI18n();
  return (
    <>
      <h2 id="reports-wallet">{t('console.reports.wallet')}</h2>
      <p className="muted">{t('console.reports.walletNote')}</p>
      <table className="data-table" aria-labelledby="reports-wallet">
        <thead>
          <tr>
            <th scope="col">{t('console.reports.day')}</th>
            <th scope="col" className="amount">
              {t('console.reports.payments')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.spent')}
            </th>
            <th scope="col" className="amount">
              {t('console.reports.walletRefunded')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.wallet.map((row) => (
            <tr key={`${row.day}-${row.currency}`}>
              <td>{row.day}</td>
              <td className="amount">{row.payments}</td>
              <td className="amount">
                <MoneyText money={row.spent} />
              </td>
              <td className="amount">
                <MoneyText money={row.refunded} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
