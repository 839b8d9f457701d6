import { useI18n } from '../i18n/I18nProvider';
import { convertMinor, formatNumber, formatPrice } from '../ui/format';
import type { FxRate, Money } from '../api/types';
import { usePrices, type PriceContext } from './prices';

/**
 * "约 ¥298.79 · 汇率 7.252400 · 12:30 更新" beside a USD price, for a customer whose display currency is CNY: the
 * rate quotes lock now, labelled an estimate with its time. Nothing when the customer chose USD or no rate exists.
 * `amountOnly` gives "约 ¥298.79" for a row of prices that share one `CnyRateNote`.
 */
export function CnyEstimate({
  money,
  className = 'estimate',
  amountOnly = false,
}: {
  money: Money;
  className?: string;
  amountOnly?: boolean;
}) {
  const { t, locale } = useI18n();
  const prices = usePrices();
  const { usdToCny } = prices;
  if (prices.displayCurrency !== 'CNY' || money.currency !== 'USD' || !usdToCny) return null;
  const amount = formatPrice(locale, convertMinor(money.amount_minor, 'USD', usdToCny.rate, 'CNY'), 'CNY');
  return (
    <span className={className} title={t('price.estimateHint')}>
      {amountOnly
        ? t('price.estimateAmount', { amount })
        : t('price.estimate', { amount, ...rateAndTime(locale, usdToCny, prices.timeZone) })}
    </span>
  );
}

/** The rate and time the `amountOnly` estimates above it use. */
export function CnyRateNote() {
  const { t, locale } = useI18n();
  const prices = usePrices();
  if (prices.displayCurrency !== 'CNY' || !prices.usdToCny) return null;
  return (
    <p className="estimate">
      {t('price.estimateRate', rateAndTime(locale, prices.usdToCny, prices.timeZone))}
    </p>
  );
}

function rateAndTime(locale: string, usdToCny: FxRate, timeZone: PriceContext['timeZone']) {
  const rate = formatNumber(locale, Number(usdToCny.rate), {
    minimumFractionDigits: 4,
    maximumFractionDigits: 6,
    useGrouping: false,
  });
  const asOf = new Date(usdToCny.as_of);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone });
  const sameDay = day.format(asOf) === day.format(new Date());
  const time = new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { dateStyle: 'short' }),
    timeStyle: 'short',
    timeZone,
  }).format(asOf);
  return { rate, time };
}
