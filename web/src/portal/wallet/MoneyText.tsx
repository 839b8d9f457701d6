import { useI18n } from '../../i18n/I18nProvider';
import { formatPrice } from '../../ui/format';
import type { Money } from '../../api/types';

/** An amount in the page's locale: `US$20.00` in zh-CN, `$20.00` in en, `¥143.89` for CNY. */
export function MoneyText({ money }: { money: Money }) {
  const { locale } = useI18n();
  return <>{formatPrice(locale, money.amount_minor, money.currency)}</>;
}

/** Methods by name, for people. */
export function useMethodName(): (method: string) => string {
  const { t } = useI18n();
  return (method) => {
    switch (method) {
      case 'card':
        return t('pay.method.card');
      case 'apple_pay':
        return t('pay.method.apple_pay');
      case 'alipay':
        return t('pay.method.alipay');
      case 'wechat_pay':
        return t('pay.method.wechat_pay');
      case 'paypal':
        return t('pay.method.paypal');
      case 'wallet':
        return t('pay.method.wallet');
      default:
        return method;
    }
  };
}
