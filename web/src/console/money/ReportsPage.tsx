import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText, useMethodName } from '../../portal/wallet/MoneyText';
import type { DailyTotal, DailyTotals } from '../../api/types';
import { Field, FormAlert, formText, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { NoAccess } from '../ConsoleApp';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** 每日汇总: money in and out per day, method and currency. */
export function ReportsPage() {
  const { t, locale } = useI18n();
  const methodName = useMethodName();
  const load = useLoad();
  const [rows, setRows] = useState<DailyTotal[] | null>(null);
  const [range, setRange] = useState({
    from: isoDay(new Date(Date.now() - 6 * 86_400_000)),
    to: isoDay(new Date()),
  });
  useEffect(() => {
    void load
      .run(() =>
        api<DailyTotals>(`/v1/admin/reports/daily-totals?from=${range.from}&to=${range.to}`, { locale }),
      )
      .then((page) => page && setRows(page.data));
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
      {rows?.length === 0 ? <p role="status">{t('console.reports.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="data-table">
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
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
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
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
