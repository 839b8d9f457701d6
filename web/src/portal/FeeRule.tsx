import { useI18n } from '../i18n/I18nProvider';
import { formatNumber, formatPrice } from '../ui/format';
import type { MethodFee } from '../api/types';
import { useMethodName } from './wallet/MoneyText';
import { usePrices } from './prices';

/**
 * The fee rule a quote applies, stated before it: "价格不含支付手续费，按支付方式另计：信用卡或借记卡/Apple Pay
 * +2.9 % + US$0.30；支付宝/微信支付 +2.2 %；…；SimFill 钱包余额免手续费。" Methods with the same fee share a clause.
 */
export function FeeRule({ methods, firstWaived = false }: { methods?: string[]; firstWaived?: boolean }) {
  const { t, locale } = useI18n();
  const methodName = useMethodName();
  const { methodFees } = usePrices();
  if (!methodFees) return null;
  const shown = methodFees.filter((fee) => !methods || methods.includes(fee.method));
  const groups = new Map<string, MethodFee[]>();
  for (const fee of shown) {
    const key = `${fee.fee_percent_bps}|${fee.fee_fixed.amount_minor}|${fee.fee_fixed.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), fee]);
  }
  const clauses = [...groups.values()].map((group) => {
    const [fee] = group as [MethodFee];
    const names = group.map((entry) => methodName(entry.method)).join(t('fees.methodSeparator'));
    if (fee.fee_percent_bps === 0 && fee.fee_fixed.amount_minor === 0)
      return t('fees.free', { methods: names });
    const percent = formatNumber(locale, fee.fee_percent_bps / 100, { maximumFractionDigits: 2 });
    if (fee.fee_fixed.amount_minor === 0) return t('fees.percent', { methods: names, percent });
    const fixed = formatPrice(locale, fee.fee_fixed.amount_minor, fee.fee_fixed.currency);
    return t('fees.percentFixed', { methods: names, percent, fixed });
  });
  return (
    <p className="fee-rule">
      {t('fees.rule', { rules: clauses.join(t('fees.separator')) })}
      {firstWaived ? ` ${t('fees.firstWaived')}` : null}
    </p>
  );
}
