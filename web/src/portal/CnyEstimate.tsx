import { useI18n } from '../i18n/I18nProvider';
import { convertMinor, formatNumber, formatPrice } from '../ui/format';
import type { Money } from '../api/types';
import { usePrices } from './prices';

/**
 * "约 ¥298.79 · 汇率 7.252400 · 12:30 更新" beside a USD price, for a customer whose display currency is CNY: the
 * rate quotes lock now, labelled an estimate with its time. Nothing when the customer chose USD or no rate exists.
 */
export function CnyEstimate({ money, className = 'estimate' }: { money: Money; className?: string }) {
  const { t, locale } = useI18n();
  const { usdToCny, displayCurrency, timeZone } = usePrices();
  if (displayCurrency !== 'CNY' || money.currency !== 'USD' || !usdToCny) return null;
  const amount = formatPrice(locale, convertMinor(money.amount_minor, 'USD', usdToCny.rate, 'CNY'), 'CNY');
  const rate = formatNumber(locale, Number(usdToCny.rate), {
    minimumFractionDigits: 4,
    maximumFractionDigits: 6,
    useGrouping: false,
  });
  const asOf = new Date(usdToCny.as_of);
  const sameDay =
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(asOf) ===
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const time = new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { dateStyle: 'short' }),
    timeStyle: 'short',
    timeZone,
  }).format(asOf);
  return (
    <span className={className} title={t('price.estimateHint')}>
      {t('price.estimate', { amount, rate, time })}
    </span>
  );
}
