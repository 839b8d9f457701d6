import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { usePrices } from '../prices';
import { MoneyText } from './MoneyText';
import type { Quote } from '../../api/types';

/** The locked price, line by line, with the exchange rate, its source and time, and the lock's countdown. */
export function QuoteSummary({ quote, onExpired }: { quote: Quote; onExpired: () => void }) {
  const { t, locale } = useI18n();
  const secondsLeft = useSecondsUntil(quote.expires_at);
  // A CNY estimate beside a USD charge is for a customer who reads prices in CNY; a CNY charge is always shown.
  const { displayCurrency, timeZone } = usePrices();
  const showEstimate = displayCurrency === 'CNY' && quote.estimate !== null;
  const showRate = quote.fx !== null && (quote.fx.locked || showEstimate);
  useEffect(() => {
    if (secondsLeft === 0) onExpired();
  }, [secondsLeft === 0]); // fire once when the lock runs out
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = String(secondsLeft % 60).padStart(2, '0');
  const asOf = quote.fx
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(quote.fx.as_of),
      )
    : '';
  const item = quote.items[0];
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="quote" aria-labelledby="quote-heading">
      <h2 id="quote-heading">{t('quote.title')}</h2>
      <dl className="quote__lines">
        {item?.face ? (
          <>
            <dt>{t('quote.face')}</dt>
            <dd data-testid="quote-face">
              <MoneyText money={item.face} />
            </dd>
          </>
        ) : null}
        {/* The product's own price: the figure its card and offer showed, before the method fee (beside a face
            value in another currency, the price of that face). */}
        <dt>
          {item?.face_fx
            ? t('quote.lineTopUp')
            : quote.items.map((entry) => entry.name).join('、') || t('quote.walletCredit')}
        </dt>
        <dd>
          <MoneyText money={quote.subtotal} />
        </dd>
        {quote.discount.amount_minor > 0 ? (
          <>
            <dt>{t('quote.discount')}</dt>
            <dd>
              −<MoneyText money={quote.discount} />
            </dd>
          </>
        ) : null}
        <dt>{t('quote.fee')}</dt>
        <dd>
          <MoneyText money={quote.fee} />
          {quote.fee_waived ? (
            <span className="quote__waived">
              {' '}
              {t('quote.feeWaived')} (
              <s>
                <MoneyText money={quote.fee_waived} />
              </s>
              )
            </span>
          ) : null}
        </dd>
        {quote.tax.amount_minor > 0 ? (
          <>
            <dt>{t('quote.tax')}</dt>
            <dd>
              <MoneyText money={quote.tax} />
            </dd>
          </>
        ) : null}
        <dt className="quote__total">{t('quote.total')}</dt>
        <dd className="quote__total">
          <MoneyText money={quote.total} />
        </dd>
        {quote.fx?.locked ? (
          <>
            <dt className="quote__charge">{t('quote.youPayCny')}</dt>
            <dd className="quote__charge" data-testid="quote-charge">
              <MoneyText money={quote.charge} />
            </dd>
          </>
        ) : null}
        {showEstimate && quote.estimate ? (
          <>
            <dt>{t('quote.estimate')}</dt>
            <dd>
              ≈ <MoneyText money={quote.estimate} />
            </dd>
          </>
        ) : null}
      </dl>
      {item?.face_fx ? (
        <p className="quote__fx">
          {t('quote.faceRate', {
            base: item.face_fx.base,
            quote: item.face_fx.quote,
            rate: item.face_fx.rate,
            time: when(item.face_fx.as_of),
          })}
        </p>
      ) : null}
      {showRate && quote.fx ? (
        <p className="quote__fx">
          {t(quote.fx.locked ? 'quote.rateLocked' : 'quote.rateEstimate', {
            rate: quote.fx.rate,
            source: t(quote.fx.source === 'feed' ? 'quote.source.feed' : 'quote.source.operator'),
            time: asOf,
          })}
        </p>
      ) : null}
      <p className="quote__rounding">{t('quote.rounding')}</p>
      <p className={secondsLeft < 60 ? 'quote__timer quote__timer--soon' : 'quote__timer'} role="timer">
        {secondsLeft > 0 ? t('quote.lockedFor', { time: `${minutes}:${seconds}` }) : t('quote.expired')}
      </p>
    </section>
  );
}

function useSecondsUntil(iso: string): number {
  const compute = () => Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(compute);
  useEffect(() => {
    setSeconds(compute());
    const timer = window.setInterval(() => setSeconds(compute()), 1000);
    return () => window.clearInterval(timer);
  }, [iso]);
  return seconds;
}
