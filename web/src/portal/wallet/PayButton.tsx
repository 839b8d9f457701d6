import { useI18n } from '../../i18n/I18nProvider';
import { formatPrice } from '../../ui/format';
import { useMethodName } from './MoneyText';
import type { Money } from '../../api/types';

/**
 * "Pay ¥72.40 with Alipay" / "使用支付宝付款 ¥72.40", and, after the API warned that the same thing was paid moments ago
 * (`possible_duplicate_payment`), the customer's explicit "pay again" next to it.
 */
export function PayButton({
  charge,
  method,
  busy,
  disabled = false,
  duplicate,
  onPay,
}: {
  charge: Money;
  method: string;
  busy: boolean;
  disabled?: boolean;
  duplicate: boolean;
  onPay: (confirmDuplicate: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const methodName = useMethodName();
  // "微信支付 ¥72.40" (the brand is already the verb), "使用支付宝付款", "使用 PayPal 付款": Chinese sets a
  // space between Chinese and Latin words, English templates carry their own.
  const payLabel = (payWith: string, amount: string) => {
    if (payWith === 'wechat_pay') return t('topUp.payWeChat', { amount });
    const name = methodName(payWith);
    return t('topUp.pay', {
      amount,
      method: locale === 'zh-CN' && /^[A-Za-z]/.test(name) ? ` ${name} ` : name,
    });
  };
  return (
    <>
      {duplicate ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => onPay(true)}
        >
          {t('topUp.payAgainAnyway')}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--primary button--large"
        disabled={busy || disabled}
        aria-busy={busy}
        onClick={() => onPay(false)}
      >
        {busy
          ? t('form.working')
          : payLabel(method, formatPrice(locale, charge.amount_minor, charge.currency))}
      </button>
    </>
  );
}
